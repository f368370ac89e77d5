-- The export has no customer id: a customer is an email address, and orders without one go to one
-- "unspecified" customer. Name and country are those of the customer's latest order of the month;
-- segment and the date the customer was created are not in the export.
select
    customer_id,
    max_by(billing_name, source_line) filter (where billing_name is not null) as name,
    cast(null as varchar) as segment,
    max_by(billing_country, source_line) filter (where billing_country is not null) as region,
    cast(null as date) as created_date,
    min(source_line) as source_line
from order_parts
where status <> 'left_out'
group by customer_id
