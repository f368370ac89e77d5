-- A company target's actual is the company metric itself (metrics.md "Targets"),
-- to the cent or, for market share, to the sixth decimal: any row returned fails.
-- Months of the run's window only (every join is on the month).

with targets as (
    select * from {{ ref('mart_target_attainment') }}
    where
        scope = 'company'
        and {{ sales_window_test_filter('month') }}
),

sales as (
    select * from {{ ref('mart_sales_monthly') }}
    where
        grain = 'company'
        and {{ sales_window_test_filter('month') }}
),

customers as (
    select * from {{ ref('mart_customers_monthly') }}
    where
        segment is null
        and {{ sales_window_test_filter('month') }}
),

market as (
    select * from {{ ref('mart_market_share') }}
    where
        region is null
        and {{ sales_window_test_filter('month') }}
),

compared as (
    select
        targets.month,
        targets.metric,
        targets.actual,
        case targets.metric
            when 'revenue' then cast(sales.revenue as decimal(28, 6))
            when 'orders' then cast(sales.orders as decimal(28, 6))
            when 'new_customers' then cast(customers.new_customers as decimal(28, 6))
            when 'market_share' then cast(market.market_share as decimal(28, 6))
        end as company_metric
    from targets
    left join sales
        on targets.month = sales.month
    left join customers
        on targets.month = customers.month
    left join market
        on targets.month = market.month
)

select * from compared
where
    abs(actual - company_metric) > 0.000001
    or (actual is null) != (company_metric is null)
