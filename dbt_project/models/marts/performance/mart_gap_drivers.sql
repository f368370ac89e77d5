-- Where the change against last year (and against target, for teams) comes
-- from: each region / channel / team / category value's share of the
-- company's revenue change vs the same month last year. Values that sold in
-- M-12 but not in M are kept (revenue 0), so the shares of a dimension add up
-- to 1.

with sales_monthly as (
    select * from {{ ref('mart_sales_monthly') }}
    where {{ in_sales_window_and_comparisons('month', [12]) }}
),

targets as (
    select * from {{ ref('int_performance__targets_resolved') }}
    where {{ in_sales_window('month') }}
),

company as (
    select
        month,
        revenue - revenue_ly as company_delta_vs_ly
    from sales_monthly
    where
        grain = 'company'
        and {{ in_sales_window('month') }}
),

current_values as (
    select
        month,
        grain as dimension,
        grain_value as dimension_value,
        revenue,
        revenue_ly
    from sales_monthly
    where
        grain in ('region', 'channel', 'team', 'category')
        and {{ in_sales_window('month') }}
),

prior_year_values as (
    select
        {{ add_months('month', 12) }} as month,
        grain as dimension,
        grain_value as dimension_value,
        revenue as revenue_ly
    from sales_monthly
    where grain in ('region', 'channel', 'team', 'category')
),

-- Only for months being built (joined to company) and absent from M.
vanished_values as (
    select
        prior_year_values.month,
        prior_year_values.dimension,
        prior_year_values.dimension_value,
        0 as revenue,
        prior_year_values.revenue_ly
    from prior_year_values
    inner join company
        on prior_year_values.month = company.month
    left join current_values
        on
            prior_year_values.month = current_values.month
            and prior_year_values.dimension = current_values.dimension
            and prior_year_values.dimension_value = current_values.dimension_value
    where current_values.month is null
),

dimension_values as (
    select * from current_values
    union all
    select * from vanished_values
),

team_revenue_targets as (
    select
        month,
        'team' as dimension,
        scope_id as dimension_value,
        target_value as revenue_target
    from targets
    where scope = 'team' and metric = 'revenue'
),

final as (
    select
        dimension_values.month,
        dimension_values.dimension,
        dimension_values.dimension_value,
        dimension_values.revenue,
        dimension_values.revenue_ly,
        dimension_values.revenue - dimension_values.revenue_ly as delta_vs_ly,
        {{ money('team_revenue_targets.revenue_target') }} as revenue_target,
        {{ money('dimension_values.revenue - team_revenue_targets.revenue_target') }} as gap_vs_target,
        company.company_delta_vs_ly,
        {{ ratio('(dimension_values.revenue - dimension_values.revenue_ly)', 'company.company_delta_vs_ly') }}
            as share_of_company_delta
    from dimension_values
    inner join company
        on dimension_values.month = company.month
    left join team_revenue_targets
        on
            dimension_values.month = team_revenue_targets.month
            and dimension_values.dimension = team_revenue_targets.dimension
            and dimension_values.dimension_value = team_revenue_targets.dimension_value
)

select * from final
