with source as (
    select * from {{ source('crm', 'campaigns') }}
),

final as (
    select
        campaign_id,
        name as campaign_name,
        type as campaign_type,
        channel,
        start_date,
        end_date,
        spend,
        -- an amount without a currency is in the reporting currency (contract)
        coalesce(currency, {{ reporting_currency() }}) as currency,
        batch_month
    from source
)

select * from final
