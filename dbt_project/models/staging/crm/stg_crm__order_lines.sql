with source as (
    select * from {{ source('crm', 'order_lines') }}
),

final as (
    select
        order_id,
        line_no,
        product_id,
        quantity,
        unit_price,
        discount,
        batch_month
    from source
)

select * from final
