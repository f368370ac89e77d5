-- A rep is a deal owner of the month's deals ("unassigned" for a deal without one), named by
-- owner.csv (first and last name, else e-mail) when delivered, else by the id (the export writes
-- the owner's name). Their team is the HubSpot Team of their latest deal. Everyone with a deal in
-- the month is active; region and hire date are not in HubSpot.
with owners as (
    select
        owner_id,
        max_by(team_id, source_line) as team_id,
        min(source_line) as source_line
    from month_deals
    group by owner_id
)

select
    owners.owner_id as rep_id,
    coalesce(nullif(concat_ws(' ', owner.first_name, owner.last_name), ''), owner.email, owners.owner_id) as name,
    owners.team_id,
    cast(null as varchar) as region,
    cast(null as date) as hire_date,
    true as is_active,
    coalesce(owner.source_line, owners.source_line) as source_line
from owners
left join src_owner as owner on owners.owner_id = owner.owner_id
