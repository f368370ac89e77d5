-- Rows set aside in quarantine per batch month, entity and reason (report
-- appendix). A view: quarantine changes with every ingest, dbt or not.

with quarantined_rows as (
    select * from {{ ref('stg_ops__quarantined_rows') }}
),

final as (
    select
        batch_month as month,
        entity,
        reason,
        reason_code,
        reason_values,
        count(*) as row_count
    from quarantined_rows
    group by batch_month, entity, reason, reason_code, reason_values
)

select * from final
