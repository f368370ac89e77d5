-- The pipeline snapshot with its amounts in the reporting currency: an
-- opportunity's amount is a month-end position, so the month rate applies.
{{ config(materialized='view') }}

with opportunities as (
    select * from {{ ref('stg_crm__opportunities') }}
),

month_rates as (
    select * from {{ ref('int_sales__fx_month_rates') }}
),

final as (
    select
        opportunities.opportunity_id,
        opportunities.customer_id,
        opportunities.rep_id,
        opportunities.created_date,
        opportunities.expected_close_date,
        opportunities.close_date,
        opportunities.stage,
        opportunities.currency,
        opportunities.amount as amount_transaction,
        {{ converted(
            'opportunities.amount', to_reporting_rate('opportunities.currency', 'month_rates.month_rate')
        ) }} as amount,
        opportunities.lost_reason,
        opportunities.competitor,
        opportunities.batch_month
    from opportunities
    left join month_rates
        on
            opportunities.batch_month = month_rates.month
            and opportunities.currency = month_rates.currency
)

select * from final
