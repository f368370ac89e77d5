with source as (
    select * from {{ source('ops', 'restatements') }}
),

final as (
    select
        month,
        grain,
        grain_value,
        metric,
        old_value,
        new_value,
        run_id,
        restated_at
    from source
)

select * from final
