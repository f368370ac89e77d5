-- Shopify has no sales reps: an order's Employee (a POS staff member) when filled, else the house
-- rep (SALES_HOUSE_REP). A rep's team is the Location of their latest order, else the house team.
-- Everyone who sold this month is active; region and hire date are not in the export.
select
    rep_id,
    rep_id as name,
    max_by(team_id, source_line) as team_id,
    cast(null as varchar) as region,
    cast(null as date) as hire_date,
    true as is_active,
    min(source_line) as source_line
from order_parts
where status <> 'left_out'
group by rep_id
