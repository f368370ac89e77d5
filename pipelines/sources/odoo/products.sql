-- A product is the Product a line names ("[FURN_8888] Office Lamp"), or "unspecified" for an
-- order exported without lines; the exports hold no category or list price.
select
    product_id,
    product_id as name,
    cast(null as varchar) as category,
    cast(null as decimal(18, 4)) as list_price,
    min(source_line) as source_line
from sale_lines
group by product_id
