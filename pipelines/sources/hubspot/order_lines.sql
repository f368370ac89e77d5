-- Lines are numbered in file order within their deal.
select
    deal_id as order_id,
    row_number() over (partition by deal_id order by source_line) as line_no,
    product_id,
    quantity,
    price as unit_price,
    discount,
    source_line
from deal_lines
