with source as (
    select * from {{ source('crm', 'products') }}
),

final as (
    select
        product_id,
        name as product_name,
        category,
        list_price,
        batch_month
    from source
)

select * from final
