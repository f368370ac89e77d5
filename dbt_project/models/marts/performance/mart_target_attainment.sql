-- Each target in force for M next to its actual (metrics.md "Targets").

with targets as (
    select * from {{ ref('int_performance__targets_resolved') }}
    where {{ in_sales_window('month') }}
),

rep_roster as (
    select * from {{ ref('int_performance__rep_roster') }}
    where {{ in_sales_window('month') }}
),

rep_sales as (
    select * from {{ ref('int_performance__rep_sales_monthly') }}
    where {{ in_sales_window('month') }}
),

company_sales as (
    select * from {{ ref('int_performance__company_sales_monthly') }}
    where {{ in_sales_window('month') }}
),

market_share as (
    select * from {{ ref('mart_market_share') }}
    where {{ in_sales_window('month') }}
),

-- Every rep of M's snapshot, with zeros when they sold nothing.
rep_actuals as (
    select
        rep_roster.month,
        rep_roster.rep_id,
        rep_roster.team_id,
        coalesce(rep_sales.revenue, 0) as revenue,
        coalesce(rep_sales.orders, 0) as orders,
        coalesce(rep_sales.new_customers, 0) as new_customers
    from rep_roster
    left join rep_sales
        on
            rep_roster.month = rep_sales.month
            and rep_roster.rep_id = rep_sales.rep_id
),

-- A team's actual is the sum of its reps as of M's snapshot.
team_actuals as (
    select
        month,
        team_id,
        sum(revenue) as revenue,
        sum(orders) as orders,
        sum(new_customers) as new_customers
    from rep_actuals
    where team_id is not null
    group by month, team_id
),

company_market_share as (
    select
        month,
        market_share
    from market_share
    where region is null
),

scope_actuals as (
    select
        month,
        'rep' as scope,
        rep_id as scope_id,
        revenue,
        orders,
        new_customers,
        cast(null as decimal(28, 6)) as market_share
    from rep_actuals
    union all
    select
        month,
        'team' as scope,
        team_id as scope_id,
        revenue,
        orders,
        new_customers,
        cast(null as decimal(28, 6)) as market_share
    from team_actuals
    union all
    select
        company_sales.month,
        'company' as scope,
        cast(null as string) as scope_id,
        company_sales.revenue,
        company_sales.orders,
        company_sales.new_customers,
        cast(company_market_share.market_share as decimal(28, 6)) as market_share
    from company_sales
    left join company_market_share
        on company_sales.month = company_market_share.month
),

matched as (
    select
        targets.month,
        targets.scope,
        targets.scope_id,
        targets.metric,
        targets.target_value,
        targets.target_batch_month,
        -- Every branch cast to one type: DuckDB would otherwise unify the CASE to the
        -- smallest scale and round the share. Revenue is money, in cents like every other mart.
        case targets.metric
            when 'revenue' then cast({{ money('scope_actuals.revenue') }} as decimal(28, 6))
            when 'orders' then cast(scope_actuals.orders as decimal(28, 6))
            when 'new_customers' then cast(scope_actuals.new_customers as decimal(28, 6))
            when 'market_share' then cast(scope_actuals.market_share as decimal(28, 6))
        end as actual
    from targets
    left join scope_actuals
        on
            targets.month = scope_actuals.month
            and targets.scope = scope_actuals.scope
            and coalesce(targets.scope_id, '') = coalesce(scope_actuals.scope_id, '')
),

final as (
    select
        month,
        scope,
        scope_id,
        metric,
        target_value,
        actual,
        {{ ratio('actual', 'target_value') }} as attainment,
        actual - target_value as gap,
        target_batch_month
    from matched
)

select * from final
