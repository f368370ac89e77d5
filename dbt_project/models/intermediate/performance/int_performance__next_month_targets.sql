-- Company targets that the extract of month M provides for M+1: what was
-- known at M's close, used for pipeline coverage and the next-month plan. A
-- revenue target in another currency is converted at M's month rate, kept to
-- the 4 decimals targets are given with.

with targets as (
    select * from {{ ref('stg_crm__targets') }}
),

month_rates as (
    select * from {{ ref('int_sales__fx_month_rates') }}
),

final as (
    select
        targets.batch_month as month,
        targets.target_month as plan_month,
        targets.metric,
        {{ target_in_reporting_currency('targets', 'month_rates.month_rate') }} as target_value
    from targets
    left join month_rates
        on
            targets.batch_month = month_rates.month
            and targets.currency = month_rates.currency
    where
        targets.scope = 'company'
        and targets.target_month = {{ add_months('targets.batch_month', 1) }}
)

select * from final
