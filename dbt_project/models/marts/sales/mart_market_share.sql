-- Only months whose market file was provided; the company's share compares
-- its whole revenue with the market of the regions provided.
with market_months as (
    select month from {{ ref('int_sales__loaded_months') }}
    where
        market_provided
        and {{ in_sales_window('month', 1) }}
),

markets as (
    select * from {{ ref('stg_crm__markets') }}
    where {{ in_sales_window('batch_month', 1) }}
),

completed_orders as (
    select * from {{ ref('fct_orders') }}
    where
        status = 'completed'
        and {{ in_sales_window('month', 1) }}
),

region_revenue as (
    select
        month,
        region,
        sum(revenue) as revenue
    from completed_orders
    group by month, region
),

company_revenue as (
    select
        month,
        sum(revenue) as revenue
    from completed_orders
    group by month
),

region_shares as (
    select
        market_months.month,
        markets.region,
        coalesce(region_revenue.revenue, 0) as revenue,
        markets.market_size
    from market_months
    inner join markets on market_months.month = markets.batch_month
    left join region_revenue
        on
            markets.batch_month = region_revenue.month
            and markets.region = region_revenue.region
),

company_share as (
    select
        market_months.month,
        null as region,
        coalesce(max(company_revenue.revenue), 0) as revenue,
        sum(markets.market_size) as market_size
    from market_months
    left join markets on market_months.month = markets.batch_month
    left join company_revenue on market_months.month = company_revenue.month
    group by market_months.month
),

all_shares as (
    select * from company_share
    union all
    select * from region_shares
),

with_share as (
    select
        *,
        {{ ratio('revenue', 'market_size') }} as market_share
    from all_shares
),

final as (
    select
        current_month.month,
        current_month.region,
        {{ money('current_month.revenue') }} as revenue,
        current_month.market_size,
        current_month.market_share,
        prev_month.market_share as market_share_prev,
        {{ pct_change('current_month.market_size', 'prev_month.market_size') }} as market_size_mom_pct,
        cast(current_month.market_share - prev_month.market_share as decimal(18, 6)) as market_share_mom_delta
    from with_share as current_month
    left join with_share as prev_month
        on
            prev_month.month = {{ add_months('current_month.month', -1) }}
            and current_month.region is not distinct from prev_month.region
    where {{ in_sales_window('current_month.month') }}
)

select * from final
