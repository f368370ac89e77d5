-- One row per team of M's teams snapshot: its reps as of M's sales_reps
-- snapshot, their sales, the team's own revenue target and the rep buckets.

with teams as (
    select * from {{ ref('stg_crm__teams') }}
    where {{ in_sales_window('batch_month') }}
),

rep_performance as (
    select * from {{ ref('mart_rep_performance') }}
    where {{ in_sales_window('month') }}
),

team_sales as (
    select * from {{ ref('int_performance__team_sales_monthly') }}
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

team_revenue_targets as (
    select
        month,
        scope_id as team_id,
        target_value as revenue_target
    from targets
    where scope = 'team' and metric = 'revenue'
),

-- Rep-level counts (active reps of M's snapshot; an inactive rep's opportunities
-- still count for the team); a rep without a revenue target counts in neither
-- target bucket.
rep_rollup as (
    select
        month,
        team_id,
        sum(case when counts_in_roster then 1 else 0 end) as reps,
        sum(won_count) as won_count,
        sum(lost_count) as lost_count,
        sum(case when counts_in_roster and revenue_attainment >= 1 then 1 else 0 end) as reps_at_or_above_target,
        sum(
            case when counts_in_roster and revenue_attainment < {{ lagging_attainment() }} then 1 else 0 end
        ) as reps_below_80pct
    from rep_performance
    where team_id is not null
    group by month, team_id
),

with_metrics as (
    select
        teams.batch_month as month,
        teams.team_id,
        teams.team_name,
        teams.manager_name,
        coalesce(rep_rollup.reps, 0) as reps,
        coalesce(team_sales.revenue, 0) as revenue,
        coalesce(team_sales.orders, 0) as orders,
        coalesce(team_sales.active_customers, 0) as active_customers,
        coalesce(team_sales.new_customers, 0) as new_customers,
        team_revenue_targets.revenue_target,
        rep_rollup.won_count,
        rep_rollup.lost_count,
        coalesce(rep_rollup.reps_at_or_above_target, 0) as reps_at_or_above_target,
        coalesce(rep_rollup.reps_below_80pct, 0) as reps_below_80pct,
        -- 0 for a loaded month in which the team sold nothing, null for a month never loaded.
        {{ value_in_loaded_month('prev_month', 'prev.revenue') }} as revenue_prev,
        {{ value_in_loaded_month('ly_month', 'ly.revenue') }} as revenue_ly
    from teams
    left join rep_rollup
        on
            teams.batch_month = rep_rollup.month
            and teams.team_id = rep_rollup.team_id
    left join team_sales
        on
            teams.batch_month = team_sales.month
            and teams.team_id = team_sales.team_id
    left join team_revenue_targets
        on
            teams.batch_month = team_revenue_targets.month
            and teams.team_id = team_revenue_targets.team_id
    {{ join_month_before('prev', 1, 'teams.batch_month', 'team_sales', 'teams.team_id', 'team_id') }}
    {{ join_month_before('ly', 12, 'teams.batch_month', 'team_sales', 'teams.team_id', 'team_id') }}
),

final as (
    select
        month,
        team_id,
        team_name,
        manager_name,
        reps,
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
        reps_at_or_above_target,
        reps_below_80pct
    from with_metrics
)

select * from final
