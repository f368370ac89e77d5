-- One row per active rep of M's sales_reps snapshot, and per inactive rep who
-- still sold in M (marked, never counted): sales (0 when none), revenue target,
-- opportunities closed in M, comparisons with M-1 / M-12 and ranks among the
-- active reps.

with rep_roster as (
    select * from {{ ref('int_performance__rep_roster') }}
    where {{ in_sales_window('month') }}
),

rep_sales as (
    select * from {{ ref('int_performance__rep_sales_monthly') }}
    where {{ in_sales_window_and_comparisons('month', [1, 12]) }}
),

loaded_months as (
    select month from {{ ref('int_sales__loaded_months') }}
    where {{ in_sales_window_and_comparisons('month', [1, 12]) }}
),

targets as (
    select * from {{ ref('int_performance__targets_resolved') }}
    where {{ in_sales_window('month') }}
),

rep_opportunities as (
    select * from {{ ref('int_performance__rep_opportunities_monthly') }}
    where {{ in_sales_window('month') }}
),

opportunity_months as (
    select month from {{ ref('int_sales__loaded_months') }}
    where
        opportunities_provided
        and {{ in_sales_window('month') }}
),

rep_revenue_targets as (
    select
        month,
        scope_id as rep_id,
        target_value as revenue_target
    from targets
    where scope = 'rep' and metric = 'revenue'
),

with_metrics as (
    select
        rep_roster.month,
        rep_roster.rep_id,
        rep_roster.rep_name,
        rep_roster.team_id,
        rep_roster.team_name,
        rep_roster.hire_date,
        rep_roster.is_active,
        -- A rep without an is_active value is taken as active, like the roster does.
        coalesce(rep_roster.is_active, true) as counts_in_roster,
        -- Teams name their manager, not the manager's rep id: a rep who bears that name is the manager.
        coalesce(lower(trim(rep_roster.rep_name)) = lower(trim(rep_roster.manager_name)), false)
            as is_team_manager,
        {{ month_index('rep_roster.month') }} - {{ month_index('rep_roster.hire_date') }}
            as tenure_months,
        coalesce(rep_sales.revenue, 0) as revenue,
        coalesce(rep_sales.orders, 0) as orders,
        coalesce(rep_sales.active_customers, 0) as active_customers,
        coalesce(rep_sales.new_customers, 0) as new_customers,
        rep_revenue_targets.revenue_target,
        -- Opportunity counts exist only for months whose opportunities file was provided.
        {{ value_in_loaded_month('opportunity_months', 'rep_opportunities.won_count') }} as won_count,
        {{ value_in_loaded_month('opportunity_months', 'rep_opportunities.lost_count') }} as lost_count,
        -- A rep's revenue in a loaded month without their orders is 0; in a month
        -- never loaded it is unknown (null), so the comparison is null.
        {{ value_in_loaded_month('prev_month', 'prev.revenue') }} as revenue_prev,
        {{ value_in_loaded_month('ly_month', 'ly.revenue') }} as revenue_ly
    from rep_roster
    left join rep_sales
        on
            rep_roster.month = rep_sales.month
            and rep_roster.rep_id = rep_sales.rep_id
    left join rep_revenue_targets
        on
            rep_roster.month = rep_revenue_targets.month
            and rep_roster.rep_id = rep_revenue_targets.rep_id
    left join opportunity_months
        on rep_roster.month = opportunity_months.month
    left join rep_opportunities
        on
            rep_roster.month = rep_opportunities.month
            and rep_roster.rep_id = rep_opportunities.rep_id
    {{ join_month_before('prev', 1, 'rep_roster.month', 'rep_sales', 'rep_roster.rep_id', 'rep_id') }}
    {{ join_month_before('ly', 12, 'rep_roster.month', 'rep_sales', 'rep_roster.rep_id', 'rep_id') }}
),

-- An inactive rep is shown only for the sales they still made in M.
listed as (
    select * from with_metrics
    where counts_in_roster or revenue <> 0 or orders > 0
),

final as (
    select
        month,
        rep_id,
        rep_name,
        team_id,
        team_name,
        hire_date,
        is_active,
        counts_in_roster,
        is_team_manager,
        tenure_months,
        {{ money('revenue') }} as revenue,
        orders,
        active_customers,
        new_customers,
        {{ money('revenue_target') }} as revenue_target,
        {{ ratio('revenue', 'revenue_target') }} as revenue_attainment,
        won_count,
        lost_count,
        {{ ratio('won_count', 'won_count + lost_count') }} as win_rate,
        {{ money('revenue_prev') }} as revenue_prev,
        {{ money('revenue_ly') }} as revenue_ly,
        {{ pct_change('revenue', 'revenue_prev') }} as revenue_mom_pct,
        {{ pct_change('revenue', 'revenue_ly') }} as revenue_yoy_pct,
        case
            when counts_in_roster then rank() over (partition by month, counts_in_roster order by revenue desc)
        end as rank_in_company,
        case
            when counts_in_roster then rank() over (partition by month, counts_in_roster, team_id order by revenue desc)
        end as rank_in_team
    from listed
)

select * from final
