-- The order lines file, or without one a line per order at its amount, of one "unspecified" product.
select
    order_id,
    coalesce(line_no, row_number() over (partition by order_id order by source_line)) as line_no,
    coalesce(product_id, 'unspecified') as product_id,
    quantity,
    unit_price,
    discount,
    source_line
from src_order_lines

union all by name

select
    order_id,
    1 as line_no,
    'unspecified' as product_id,
    1 as quantity,
    amount as unit_price,
    0 as discount,
    source_line
from src_orders
where not getvariable('present_order_lines')
