-- A team is the UserRole of an opportunity's Owner, named from UserRole.csv (by its id without
-- that file), or "unassigned" for owners without a role or without User.csv; roles name no manager.
with owner_teams as (
    select
        coalesce(left(users.user_role_id, 15), 'unassigned') as team_id,
        min(opportunities.source_line) as source_line
    from sf_opportunities as opportunities
    left join src_user as users on opportunities.owner_id = left(users.id, 15) and users.active
    group by all
)

select
    owner_teams.team_id,
    coalesce(roles.name, owner_teams.team_id) as name,
    cast(null as varchar) as manager_name,
    owner_teams.source_line
from owner_teams
left join src_user_role as roles on owner_teams.team_id = left(roles.id, 15) and roles.active
