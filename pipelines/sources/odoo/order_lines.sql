-- Lines are numbered in export order within their order. A line given away (a 100 % discount) is
-- written as price 0 without discount: the same revenue, 0, within the contract's discount < 1.
select
    order_id,
    row_number() over (partition by order_id order by source_line) as line_no,
    product_id,
    quantity,
    case when discount = 1 then 0 else price_unit end as unit_price,
    case when discount = 1 then 0 else discount end as discount,
    source_line
from sale_lines
