with source as (
    select * from {{ source('ops', 'report_actions') }}
),

final as (
    select
        month,
        position,
        rule,
        subject,
        owner,
        owner_role,
        due,
        shown,
        tracked_metric,
        tracked_key,
        tracked_value,
        run_id,
        recorded_at
    from source
)

select * from final
