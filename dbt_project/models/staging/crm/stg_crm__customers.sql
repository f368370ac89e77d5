with source as (
    select * from {{ source('crm', 'customers') }}
),

final as (
    select
        customer_id,
        name as customer_name,
        segment,
        region,
        created_date,
        batch_month
    from source
)

select * from final
