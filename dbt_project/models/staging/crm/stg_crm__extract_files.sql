with source as (
    select * from {{ source('crm', 'extract_files') }}
),

final as (
    select
        batch_month,
        entity,
        provided,
        source_file,
        file_sha256,
        row_count,
        loaded_at,
        run_id
    from source
)

select * from final
