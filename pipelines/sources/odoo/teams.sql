-- A team is a Sales Team an order names ("unassigned" where it names none); the exports name no
-- team leader.
select
    team_id,
    team_id as name,
    cast(null as varchar) as manager_name,
    min(source_line) as source_line
from sale_orders
where status is distinct from 'left_out'
group by team_id
