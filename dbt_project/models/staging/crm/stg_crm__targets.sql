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
        -- an amount without a currency is in the reporting currency (contract)
        coalesce(currency, {{ reporting_currency() }}) as currency,
        batch_month
    from source
)

select * from final
