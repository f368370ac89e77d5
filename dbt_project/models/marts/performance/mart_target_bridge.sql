-- The company's revenue shortfall against its target (target - actual), split
-- into parts that add up to it exactly (metrics.md "Target bridge"):
--   1. company target not given to any team of M's teams snapshot;
--   2. each team's shortfall (or overshoot, negative) against its own target;
--   3. company revenue not credited to any team (the last cent of rounding
--      each team's revenue separately lands here too).
-- Team rows also say how much of the team's target its reps' targets leave
-- uncovered. Only months with a company revenue target have rows.
-- depends_on: {{ ref('int_sales__loaded_months') }}

with attainment as (
    select * from {{ ref('mart_target_attainment') }}
    where
        metric = 'revenue'
        and {{ in_sales_window('month') }}
),

team_performance as (
    select * from {{ ref('mart_team_performance') }}
    where {{ in_sales_window('month') }}
),

rep_roster as (
    select * from {{ ref('int_performance__rep_roster') }}
    where {{ in_sales_window('month') }}
),

company as (
    select
        month,
        target_value as company_target,
        actual as company_revenue,
        target_value - actual as company_shortfall
    from attainment
    where scope = 'company'
),

-- Rep revenue targets summed by the rep's team in M's snapshot.
rep_targets_by_team as (
    select
        attainment.month,
        rep_roster.team_id,
        sum(attainment.target_value) as reps_target
    from attainment
    inner join rep_roster
        on
            attainment.month = rep_roster.month
            and attainment.scope_id = rep_roster.rep_id
    where attainment.scope = 'rep'
    group by attainment.month, rep_roster.team_id
),

teams as (
    select
        company.month,
        team_performance.team_id,
        team_performance.team_name,
        team_performance.revenue_target as team_target,
        team_performance.revenue as team_revenue,
        rep_targets_by_team.reps_target,
        -- A team without a target of its own was given none of the company's.
        coalesce(team_performance.revenue_target, 0) - team_performance.revenue as shortfall
    from company
    inner join team_performance
        on company.month = team_performance.month
    left join rep_targets_by_team
        on
            team_performance.month = rep_targets_by_team.month
            and team_performance.team_id = rep_targets_by_team.team_id
),

team_totals as (
    select
        company.month,
        coalesce(sum(teams.team_target), 0) as teams_target,
        coalesce(sum(teams.team_revenue), 0) as teams_revenue
    from company
    left join teams
        on company.month = teams.month
    group by company.month
),

components as (
    select
        company.month,
        0 as component_order,
        'company_target_not_given_to_teams' as component,
        cast(null as string) as team_id,
        cast(null as string) as team_name,
        cast(null as decimal(18, 2)) as team_target,
        cast(null as decimal(18, 2)) as team_revenue,
        cast(null as decimal(18, 2)) as reps_target,
        company.company_target - team_totals.teams_target as shortfall
    from company
    inner join team_totals
        on company.month = team_totals.month
    union all
    select
        month,
        1 as component_order,
        'team' as component,
        team_id,
        team_name,
        team_target,
        team_revenue,
        reps_target,
        shortfall
    from teams
    union all
    select
        company.month,
        2 as component_order,
        'revenue_outside_teams' as component,
        cast(null as string) as team_id,
        cast(null as string) as team_name,
        cast(null as decimal(18, 2)) as team_target,
        cast(null as decimal(18, 2)) as team_revenue,
        cast(null as decimal(18, 2)) as reps_target,
        team_totals.teams_revenue - company.company_revenue as shortfall
    from company
    inner join team_totals
        on company.month = team_totals.month
),

final as (
    select
        components.month,
        row_number() over (
            partition by components.month
            order by components.component_order asc, components.shortfall desc, components.team_id asc
        ) as step,
        components.component,
        components.team_id,
        components.team_name,
        components.team_target,
        components.team_revenue,
        components.reps_target,
        {{ money('components.team_target - coalesce(components.reps_target, 0)') }} as target_not_given_to_reps,
        {{ money('components.shortfall') }} as shortfall,
        company.company_target,
        company.company_revenue,
        {{ money("company.company_shortfall") }} as company_shortfall
    from components
    inner join company
        on components.month = company.month
)

select * from final
