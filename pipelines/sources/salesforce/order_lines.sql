-- Lines are numbered in export order within their opportunity. A line given away (Discount 100 %)
-- is written as price 0 without discount: the same revenue, 0, within the contract's discount < 1.
select
    order_id,
    row_number() over (partition by order_id order by source_line) as line_no,
    product_id,
    quantity,
    case when discount = 1 then 0 else unit_price end as unit_price,
    case when discount = 1 then 0 else discount end as discount,
    source_line
from sf_lines
