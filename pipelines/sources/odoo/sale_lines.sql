-- The lines of the orders that are sales: from sale.order.line when delivered, else those ticked
-- in the sale.order export (a row continuing an order belongs to the last order above it), else
-- one line per order at its Untaxed Amount, of one "unspecified" product. Section and note lines
-- and lines of quantity 0 (a down payment, an optional product not taken) sell nothing: skipped.
with delivered as (
    select
        order_id,
        product_id,
        product_uom_qty as quantity,
        price_unit,
        discount,
        display_type,
        source_line
    from src_sale_order_line
),

ticked as (
    select
        last_value(name ignore nulls) over (
            order by source_line rows between unbounded preceding and current row
        ) as order_id,
        product_id,
        product_uom_qty as quantity,
        price_unit,
        coalesce(discount, 0) as discount,
        display_type,
        source_line
    from src_sale_order
),

exported as (
    select * from delivered
    union all by name
    select * from ticked
    where
        not getvariable('present_sale_order_line')
        and (product_id is not null or quantity is not null or price_unit is not null or display_type is not null)
),

untaxed as (
    select
        order_id,
        'unspecified' as product_id,
        1 as quantity,
        amount_untaxed as price_unit,
        0 as discount,
        source_line
    from sale_orders
    where
        not getvariable('present_sale_order_line')
        and not exists (select 1 from exported where exported.order_id = sale_orders.order_id)
),

lines as (
    select * exclude (display_type) replace (coalesce(product_id, 'unspecified') as product_id)
    from exported
    where display_type is null and quantity is distinct from 0
    union all by name
    select * from untaxed
)

-- A line of an order missing from sale.order keeps its order id, and the contract's reference
-- check names its line.
select lines.*
from lines
left join sale_orders as orders on lines.order_id = orders.order_id
where orders.status is distinct from 'left_out'
