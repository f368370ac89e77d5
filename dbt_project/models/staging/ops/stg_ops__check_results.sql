with source as (
    select * from {{ source('ops', 'check_results') }}
),

final as (
    select
        run_id,
        batch_month,
        entity,
        check_name,
        rule,
        severity,
        passed,
        failing_count,
        sample_lines,
        message,
        checked_at,
        reason_code,
        reason_values
    from source
)

select * from final
