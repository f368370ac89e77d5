-- Check outcomes per batch month and entity of the latest run that checked
-- the month (mart_quality_summary_monthly picks it): the report's "checks by
-- entity". A view, like the ops tables it reads.

with check_results as (
    select * from {{ ref('stg_ops__check_results') }}
),

latest_runs as (
    select
        month,
        run_id
    from {{ ref('mart_quality_summary_monthly') }}
    where run_id is not null
),

final as (
    select
        latest_runs.month,
        latest_runs.run_id,
        check_results.entity,
        count(*) as checks,
        count(case when check_results.passed then 1 end) as passed_checks,
        count(
            case when not check_results.passed and check_results.severity <> 'error' then 1 end
        ) as failed_non_error_checks,
        count(case when not check_results.passed and check_results.severity = 'error' then 1 end) as failed_error_checks
    from latest_runs
    inner join check_results
        on
            latest_runs.month = check_results.batch_month
            and latest_runs.run_id = check_results.run_id
    group by latest_runs.month, latest_runs.run_id, check_results.entity
)

select * from final
