with source as (
    select * from {{ source('crm', 'sales_reps') }}
),

final as (
    select
        rep_id,
        name as rep_name,
        team_id,
        region,
        hire_date,
        is_active,
        batch_month
    from source
)

select * from final
