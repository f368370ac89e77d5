-- A team is a HubSpot Team the month's deals name ("unassigned" for a deal without one), named by
-- team.csv when delivered, else by its id. HubSpot names no team manager.
with named as (
    select
        team_id,
        min(source_line) as source_line
    from month_deals
    group by team_id
)

select
    named.team_id,
    coalesce(team.name, named.team_id) as name,
    cast(null as varchar) as manager_name,
    coalesce(team.source_line, named.source_line) as source_line
from named
left join src_team as team on named.team_id = team.team_id
