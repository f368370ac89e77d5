with orders as (
    select * from {{ ref('stg_crm__orders') }}
    where {{ in_sales_window('batch_month') }}
),

order_lines as (
    select * from {{ ref('stg_crm__order_lines') }}
    where {{ in_sales_window('batch_month') }}
),

products as (
    select * from {{ ref('stg_crm__products') }}
    where {{ in_sales_window('batch_month') }}
),

final as (
    select
        order_lines.order_id,
        order_lines.line_no,
        -- the contract keeps order_date inside its folder's month, so the
        -- batch month is the order month
        orders.batch_month as month,
        orders.order_date,
        order_lines.product_id,
        products.category,
        order_lines.quantity,
        order_lines.unit_price,
        order_lines.discount,
        cast(
            order_lines.quantity * order_lines.unit_price * (1 - order_lines.discount)
            as decimal(38, 10)
        ) as line_revenue,
        orders.status,
        orders.customer_id,
        orders.rep_id,
        orders.channel
    from order_lines
    inner join orders
        on
            order_lines.order_id = orders.order_id
            and order_lines.batch_month = orders.batch_month
    left join products
        on
            order_lines.product_id = products.product_id
            and order_lines.batch_month = products.batch_month
)

select * from final
