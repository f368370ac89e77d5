-- One month rate per batch month and currency: the month rate the extract
-- gives, else one made from its daily rates, their average or the last of the
-- month as SALES_FX_MONTH_RATE says. Amounts without a date of their own
-- (pipeline, campaign spend, targets) and dates before the month's first daily
-- rate use it; so do the constant-currency comparisons.
{{ config(materialized='view') }}

with fx_rates as (
    select * from {{ ref('stg_crm__fx_rates') }}
),

given_month_rates as (
    select
        batch_month as month,
        currency,
        rate_to_reporting as month_rate
    from fx_rates
    where rate_month is not null
),

daily_rates as (
    select * from fx_rates
    where rate_date is not null
),

{% if fx_month_rate() == 'month_end' %}
derived_month_rates as (
    select
        batch_month as month,
        currency,
        rate_to_reporting as month_rate
    from daily_rates
    qualify row_number() over (partition by batch_month, currency order by rate_date desc) = 1
),
{% else %}
derived_month_rates as (
    select
        batch_month as month,
        currency,
        cast(sum(rate_to_reporting) / count(*) as decimal(18, 10)) as month_rate
    from daily_rates
    group by batch_month, currency
),
{% endif %}

final as (
    select
        coalesce(given_month_rates.month, derived_month_rates.month) as month,
        coalesce(given_month_rates.currency, derived_month_rates.currency) as currency,
        coalesce(given_month_rates.month_rate, derived_month_rates.month_rate) as month_rate,
        given_month_rates.month_rate is not null as is_given
    from given_month_rates
    full outer join derived_month_rates
        on
            given_month_rates.month = derived_month_rates.month
            and given_month_rates.currency = derived_month_rates.currency
)

select * from final
