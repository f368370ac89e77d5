with source as (
    select * from {{ source('crm', 'notes') }}
),

final as (
    select
        batch_month,
        section,
        body
    from source
)

select * from final
