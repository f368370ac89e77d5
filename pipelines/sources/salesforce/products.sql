-- A product is a Product2 a won line names ("unspecified" for a line without one, or for an
-- opportunity without line items), with its Name and Family where Product2.csv has it; the
-- exports used here hold no list price (that is on PricebookEntry).
with catalogue as (
    select
        left(id, 15) as product_id,
        name,
        family
    from src_product_2
    where not is_deleted and active
)

select
    sold.product_id,
    coalesce(catalogue.name, sold.product_id) as name,
    catalogue.family as category,
    cast(null as decimal(18, 4)) as list_price,
    sold.source_line
from (
    select
        product_id,
        min(source_line) as source_line
    from sf_lines
    group by product_id
) as sold
left join catalogue on sold.product_id = catalogue.product_id
