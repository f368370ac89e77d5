with source as (
    select * from {{ source('crm', 'orders') }}
),

final as (
    select
        order_id,
        order_date,
        customer_id,
        rep_id,
        channel,
        campaign_id,
        status,
        -- an amount without a currency is in the reporting currency (contract)
        coalesce(currency, {{ reporting_currency() }}) as currency,
        batch_month
    from source
)

select * from final
