-- Completed sales of each month by the currency they were made in: how much
-- of the revenue each currency brings, at what rate, and how that rate moved
-- against the previous month and last year (the exchange-rate effect that
-- mart_sales_monthly's *_cc comparisons leave out).
with orders as (
    select * from {{ ref('fct_orders') }}
    where {{ in_sales_window('month') }} and status = 'completed'
),

month_rates as (
    select * from {{ ref('int_sales__fx_month_rates') }}
    where {{ in_sales_window_and_comparisons('month', [1, 12]) }}
),

by_currency as (
    select
        month,
        currency,
        count(*) as orders,
        sum(revenue_transaction) as revenue_transaction,
        sum(revenue) as revenue
    from orders
    group by month, currency
),

with_rates as (
    select
        by_currency.*,
        {{ to_reporting_rate('by_currency.currency', 'current_rates.month_rate') }} as month_rate,
        {{ to_reporting_rate('by_currency.currency', 'prev_rates.month_rate') }} as month_rate_prev,
        {{ to_reporting_rate('by_currency.currency', 'ly_rates.month_rate') }} as month_rate_ly
    from by_currency
    left join month_rates as current_rates
        on
            by_currency.month = current_rates.month
            and by_currency.currency = current_rates.currency
    left join month_rates as prev_rates
        on
            prev_rates.month = {{ add_months('by_currency.month', -1) }}
            and by_currency.currency = prev_rates.currency
    left join month_rates as ly_rates
        on
            ly_rates.month = {{ add_months('by_currency.month', -12) }}
            and by_currency.currency = ly_rates.currency
),

final as (
    select
        month,
        currency,
        currency = {{ reporting_currency() }} as is_reporting_currency,
        orders,
        {{ money('revenue_transaction') }} as revenue_transaction,
        {{ money('revenue') }} as revenue,
        {{ ratio('revenue', 'sum(revenue) over (partition by month)') }} as revenue_share,
        -- what one unit brought on average, daily rates weighted by the sales on each day
        {{ decimal_ratio('revenue', 'revenue_transaction') }} as effective_rate,
        month_rate,
        month_rate_prev,
        month_rate_ly,
        {{ pct_change('month_rate', 'month_rate_prev') }} as month_rate_mom_pct,
        {{ pct_change('month_rate', 'month_rate_ly') }} as month_rate_yoy_pct
    from with_rates
)

select * from final
