-- Campaigns with their month's spend in the reporting currency, at the month
-- rate (the spend is the part falling in the month, not one dated payment).
{{ config(materialized='view') }}

with campaigns as (
    select * from {{ ref('stg_crm__campaigns') }}
),

month_rates as (
    select * from {{ ref('int_sales__fx_month_rates') }}
),

final as (
    select
        campaigns.campaign_id,
        campaigns.campaign_name,
        campaigns.campaign_type,
        campaigns.channel,
        campaigns.start_date,
        campaigns.end_date,
        campaigns.currency,
        campaigns.spend as spend_transaction,
        {{ converted(
            'campaigns.spend', to_reporting_rate('campaigns.currency', 'month_rates.month_rate')
        ) }} as spend,
        campaigns.batch_month
    from campaigns
    left join month_rates
        on
            campaigns.batch_month = month_rates.month
            and campaigns.currency = month_rates.currency
)

select * from final
