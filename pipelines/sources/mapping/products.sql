-- The products file, or one product per id the lines name, known by its id alone.
select
    product_id,
    name,
    category,
    list_price,
    source_line
from src_products

union all by name

select
    product_id,
    product_id as name,
    min(source_line) as source_line
from lines
where not getvariable('present_products')
group by product_id
