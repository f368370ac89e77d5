-- The sales reps file, or one active rep per id the orders name, in the "unassigned" team.
select
    rep_id,
    name,
    team_id,
    region,
    hire_date,
    is_active,
    source_line
from src_sales_reps

union all by name

select
    rep_id,
    rep_id as name,
    'unassigned' as team_id,
    true as is_active,
    min(source_line) as source_line
from src_orders
where not getvariable('present_sales_reps')
group by rep_id
