-- One row per rep per month as of that month's sales_reps snapshot, with the
-- team of that same snapshot (team history is kept month by month).

with sales_reps as (
    select * from {{ ref('stg_crm__sales_reps') }}
),

teams as (
    select * from {{ ref('stg_crm__teams') }}
),

final as (
    select
        sales_reps.batch_month as month,
        sales_reps.rep_id,
        sales_reps.rep_name,
        sales_reps.team_id,
        teams.team_name,
        teams.manager_name,
        sales_reps.region,
        sales_reps.hire_date,
        sales_reps.is_active
    from sales_reps
    left join teams
        on
            sales_reps.batch_month = teams.batch_month
            and sales_reps.team_id = teams.team_id
)

select * from final
