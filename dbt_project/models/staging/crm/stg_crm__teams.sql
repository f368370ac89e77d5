with source as (
    select * from {{ source('crm', 'teams') }}
),

final as (
    select
        team_id,
        name as team_name,
        manager_name,
        batch_month
    from source
)

select * from final
