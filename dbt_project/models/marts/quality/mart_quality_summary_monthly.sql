-- Per batch month: the latest run that checked it (the report's data-quality
-- appendix shows that run), that run's check counts, and the month's rows in
-- quarantine (every run's). A view: the ops tables change with every ingest,
-- dbt or not.

with check_results as (
    select * from {{ ref('stg_ops__check_results') }}
),

quarantined_rows as (
    select * from {{ ref('mart_quarantined_rows_monthly') }}
),

-- The run of the month's latest check; a tie on the time goes to the greater run id.
ranked_checks as (
    select
        batch_month,
        run_id,
        row_number() over (partition by batch_month order by checked_at desc, run_id desc) as recency
    from check_results
),

latest_runs as (
    select
        batch_month,
        run_id
    from ranked_checks
    where recency = 1
),

check_counts as (
    select
        latest_runs.batch_month as month,
        latest_runs.run_id,
        count(*) as checks,
        count(case when check_results.passed then 1 end) as passed_checks,
        count(
            case when not check_results.passed and check_results.severity = 'warning' then 1 end
        ) as failed_warning_checks,
        count(case when not check_results.passed and check_results.severity = 'error' then 1 end) as failed_error_checks
    from latest_runs
    inner join check_results
        on
            latest_runs.batch_month = check_results.batch_month
            and latest_runs.run_id = check_results.run_id
    group by latest_runs.batch_month, latest_runs.run_id
),

quarantine_counts as (
    select
        month,
        cast(sum(row_count) as bigint) as quarantined_rows
    from quarantined_rows
    group by month
),

-- A month with rows in quarantine but no checks has no run and 0 checks.
final as (
    select
        coalesce(check_counts.month, quarantine_counts.month) as month,
        check_counts.run_id,
        coalesce(check_counts.checks, 0) as checks,
        coalesce(check_counts.passed_checks, 0) as passed_checks,
        coalesce(check_counts.failed_warning_checks, 0) as failed_warning_checks,
        coalesce(check_counts.failed_error_checks, 0) as failed_error_checks,
        coalesce(quarantine_counts.quarantined_rows, 0) as quarantined_rows
    from check_counts
    full outer join quarantine_counts
        on check_counts.month = quarantine_counts.month
)

select * from final
