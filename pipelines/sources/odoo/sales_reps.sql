-- A rep is a Salesperson an order names ("unassigned" where it names none), in the Sales Team of
-- their latest order of the month. Everyone who sold this month is active; region and hire date
-- are not in the exports.
select
    user_id as rep_id,
    user_id as name,
    max_by(team_id, source_line) as team_id,
    cast(null as varchar) as region,
    cast(null as date) as hire_date,
    true as is_active,
    min(source_line) as source_line
from sale_orders
where status is distinct from 'left_out'
group by user_id
