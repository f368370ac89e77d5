-- A team is a Location, or the house team (SALES_HOUSE_TEAM); the export names no manager.
select
    team_id,
    team_id as name,
    cast(null as varchar) as manager_name,
    min(source_line) as source_line
from order_parts
where status <> 'left_out'
group by team_id
