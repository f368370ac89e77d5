-- The customers file, or one customer per id the orders name, known by its id alone.
select
    customer_id,
    name,
    segment,
    region,
    created_date,
    source_line
from src_customers

union all by name

select
    customer_id,
    customer_id as name,
    min(source_line) as source_line
from src_orders
where not getvariable('present_customers')
group by customer_id
