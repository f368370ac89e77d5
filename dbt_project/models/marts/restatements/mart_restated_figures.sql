-- The "restated figures" list of a month's report: the changes the latest
-- restating run of that month recorded (an earlier restatement of the same
-- month is history, kept in ops.restatements).
with restatements as (
    select * from {{ ref('stg_ops__restatements') }}
),

latest_run as (
    select
        month,
        max(restated_at) as restated_at
    from restatements
    group by month
),

final as (
    select
        restatements.month,
        restatements.grain,
        restatements.grain_value,
        restatements.metric,
        restatements.old_value,
        restatements.new_value,
        restatements.new_value - restatements.old_value as value_change,
        restatements.run_id,
        restatements.restated_at
    from restatements
    inner join latest_run
        on
            restatements.month = latest_run.month
            and restatements.restated_at = latest_run.restated_at
)

select * from final
