-- A product is a line item's Product ID (else its name), named by its latest line item of the
-- month, at that line's price; "unspecified" for the deals without line items. No category.
select
    product_id,
    max_by(name, source_line) as name,
    cast(null as varchar) as category,
    max_by(price, source_line) filter (where product_id <> 'unspecified') as list_price,
    min(source_line) as source_line
from deal_lines
group by product_id
