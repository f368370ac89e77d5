-- A customer is the Customer an order names (its display name, or its external id in an
-- import-compatible export); the exports hold no segment, region or creation date.
select
    partner_id as customer_id,
    partner_id as name,
    cast(null as varchar) as segment,
    cast(null as varchar) as region,
    cast(null as date) as created_date,
    min(source_line) as source_line
from sale_orders
where status is distinct from 'left_out'
group by partner_id
