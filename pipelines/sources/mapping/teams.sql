-- The teams file, or one team per id the reps name, known by its id alone.
select
    team_id,
    name,
    manager_name,
    source_line
from src_teams

union all by name

select
    team_id,
    team_id as name,
    min(source_line) as source_line
from reps
where not getvariable('present_teams') and team_id is not null
group by team_id
