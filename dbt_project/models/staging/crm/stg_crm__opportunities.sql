with source as (
    select * from {{ source('crm', 'opportunities') }}
),

final as (
    select
        opportunity_id,
        customer_id,
        rep_id,
        created_date,
        expected_close_date,
        close_date,
        stage,
        amount,
        lost_reason,
        competitor,
        -- an amount without a currency is in the reporting currency (contract)
        coalesce(currency, {{ reporting_currency() }}) as currency,
        batch_month
    from source
)

select * from final
