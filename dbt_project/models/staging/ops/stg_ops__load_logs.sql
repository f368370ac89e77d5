with source as (
    select * from {{ source('ops', 'load_log') }}
),

final as (
    select
        run_id,
        batch_month,
        entity,
        source_file,
        status,
        rows_loaded,
        errors,
        warnings,
        message,
        logged_at
    from source
)

select * from final
