with source as (
    select * from {{ source('crm', 'targets') }}
),

final as (
    select
        -- the extract keys targets by 'YYYY-MM' text; marts join on month dates
        cast(month || '-01' as date) as target_month,
        scope,
        scope_id,
        metric,
        target_value,
        batch_month
    from source
)

select * from final
