-- The "restated figures" list of each month's report. A restated month's
-- report lists the changes of the latest run that restated it (an earlier
-- restatement of the same month is history, kept in ops.restatements); the
-- first month published after a restating run lists that run's changes too.
with restatements as (
    select * from {{ ref('stg_ops__restatements') }}
),

builds as (
    select * from {{ ref('stg_ops__dbt_builds') }}
),

latest_run as (
    select
        month,
        max(restated_at) as restated_at
    from restatements
    group by month
),

first_builds as (
    select
        month,
        min(started_at) as first_built_at
    from builds
    group by month
),

restating_runs as (
    select distinct
        run_id,
        restated_at
    from restatements
),

-- The earliest month whose first build started after the run's restatements.
next_published as (
    select
        restating_runs.run_id,
        min(first_builds.month) as month
    from restating_runs
    inner join first_builds
        on restating_runs.restated_at < first_builds.first_built_at
    group by restating_runs.run_id
),

in_restated_month as (
    select
        restatements.month,
        restatements.month as restated_month,
        restatements.grain,
        restatements.grain_value,
        restatements.metric,
        restatements.old_value,
        restatements.new_value,
        restatements.run_id,
        restatements.restated_at
    from restatements
    inner join latest_run
        on
            restatements.month = latest_run.month
            and restatements.restated_at = latest_run.restated_at
),

in_next_month as (
    select
        next_published.month,
        restatements.month as restated_month,
        restatements.grain,
        restatements.grain_value,
        restatements.metric,
        restatements.old_value,
        restatements.new_value,
        restatements.run_id,
        restatements.restated_at
    from restatements
    inner join next_published
        on restatements.run_id = next_published.run_id
),

listed as (
    select * from in_restated_month
    union all
    select * from in_next_month
),

final as (
    select
        month,
        restated_month,
        grain,
        grain_value,
        metric,
        old_value,
        new_value,
        new_value - old_value as value_change,
        run_id,
        restated_at
    from listed
)

select * from final
