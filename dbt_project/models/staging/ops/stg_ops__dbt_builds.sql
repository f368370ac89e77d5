with source as (
    select * from {{ source('ops', 'dbt_builds') }}
),

final as (
    select
        build_id,
        run_id,
        month,
        started_at
    from source
)

select * from final
