-- A rep is an opportunity's Owner, named from User.csv and in the team of their UserRole; without
-- User.csv (or that user in it, or a role on them) a rep is named by their id, in the team
-- "unassigned". Everyone who owns an opportunity this month is active; region and hire date are
-- not exported.
with users as (
    select
        left(id, 15) as rep_id,
        name,
        left(user_role_id, 15) as team_id
    from src_user
    where active
)

select
    owners.rep_id,
    coalesce(users.name, owners.rep_id) as name,
    coalesce(users.team_id, 'unassigned') as team_id,
    cast(null as varchar) as region,
    cast(null as date) as hire_date,
    true as is_active,
    owners.source_line
from (
    select
        owner_id as rep_id,
        min(source_line) as source_line
    from sf_opportunities
    group by owner_id
) as owners
left join users on owners.rep_id = users.rep_id
