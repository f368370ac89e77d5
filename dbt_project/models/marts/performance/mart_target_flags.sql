-- Targets that do not fit M's roster (metrics.md "Target bridge"): a team
-- target its reps' targets of the same metric do not add up to, and a target
-- whose rep or team is not in M's snapshot or whose rep is inactive in M.
-- depends_on: {{ ref('int_sales__loaded_months') }}

with targets as (
    select * from {{ ref('int_performance__targets_resolved') }}
    where {{ in_sales_window('month') }}
),

rep_roster as (
    select * from {{ ref('int_performance__rep_roster') }}
    where {{ in_sales_window('month') }}
),

teams as (
    select * from {{ ref('stg_crm__teams') }}
    where {{ in_sales_window('batch_month') }}
),

-- Only teams whose reps have targets of that metric at all: an organisation
-- that sets no rep targets for a metric has nothing to reconcile.
rep_targets_by_team as (
    select
        targets.month,
        targets.metric,
        rep_roster.team_id,
        sum(targets.target_value) as reps_target
    from targets
    inner join rep_roster
        on
            targets.month = rep_roster.month
            and targets.scope_id = rep_roster.rep_id
    where
        targets.scope = 'rep'
        and rep_roster.team_id is not null
    group by targets.month, targets.metric, rep_roster.team_id
),

reps_differ as (
    select
        targets.month,
        targets.scope,
        targets.scope_id,
        targets.metric,
        'reps_targets_differ_from_team' as flag,
        targets.target_value,
        rep_targets_by_team.reps_target
    from targets
    inner join rep_targets_by_team
        on
            targets.month = rep_targets_by_team.month
            and targets.metric = rep_targets_by_team.metric
            and targets.scope_id = rep_targets_by_team.team_id
    where
        targets.scope = 'team'
        and targets.target_value != rep_targets_by_team.reps_target
),

rep_outside_roster as (
    select
        targets.month,
        targets.scope,
        targets.scope_id,
        targets.metric,
        case when rep_roster.rep_id is null then 'not_in_roster' else 'rep_inactive' end as flag,
        targets.target_value,
        cast(null as decimal(18, 2)) as reps_target
    from targets
    left join rep_roster
        on
            targets.month = rep_roster.month
            and targets.scope_id = rep_roster.rep_id
    where
        targets.scope = 'rep'
        and (rep_roster.rep_id is null or rep_roster.is_active = false)
),

team_outside_roster as (
    select
        targets.month,
        targets.scope,
        targets.scope_id,
        targets.metric,
        'not_in_roster' as flag,
        targets.target_value,
        cast(null as decimal(18, 2)) as reps_target
    from targets
    left join teams
        on
            targets.month = teams.batch_month
            and targets.scope_id = teams.team_id
    where
        targets.scope = 'team'
        and teams.team_id is null
),

flags as (
    select * from reps_differ
    union all
    select * from rep_outside_roster
    union all
    select * from team_outside_roster
),

final as (
    select
        month,
        scope,
        scope_id,
        metric,
        flag,
        target_value,
        reps_target,
        target_value - reps_target as target_not_given_to_reps
    from flags
)

select * from final
