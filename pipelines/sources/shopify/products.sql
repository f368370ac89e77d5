-- A product is a SKU, or the line item's name when it has none; the export has no category.
-- The list price is the price it sold at on its latest line of the month.
with lines as (
    select
        coalesce(lineitem_sku, lineitem_name, 'unspecified') as product_id,
        lineitem_name,
        lineitem_price,
        source_line
    from src_orders_export
)

select
    product_id,
    max_by(lineitem_name, source_line) as name,
    cast(null as varchar) as category,
    max_by(lineitem_price, source_line) as list_price,
    min(source_line) as source_line
from lines
group by product_id
