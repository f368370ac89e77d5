-- One row per month with active reps: reps by revenue-attainment band (at or above
-- target, between the lagging threshold and target, below it, without a
-- target), the attainment spread and the new-hire ramp (new hires vs tenured),
-- with the lagging threshold the bands used, so the report cites the same one.
-- depends_on: {{ ref('int_sales__loaded_months') }}

-- Inactive reps listed for their sales are in no band, average or group.
with rep_performance as (
    select * from {{ ref('mart_rep_performance') }}
    where
        counts_in_roster
        and {{ in_sales_window('month') }}
),

with_groups as (
    select
        month,
        revenue,
        revenue_attainment,
        case
            when tenure_months is null then null
            when tenure_months < {{ new_hire_months() }} then 'new_hire'
            else 'tenured'
        end as tenure_group
    from rep_performance
),

final as (
    select
        month,
        sum(case when revenue_attainment >= 1 then 1 else 0 end) as reps_at_or_above_target,
        sum(
            case
                when revenue_attainment >= {{ lagging_attainment() }} and revenue_attainment < 1 then 1
                else 0
            end
        ) as reps_between_lagging_and_target,
        sum(case when revenue_attainment < {{ lagging_attainment() }} then 1 else 0 end) as reps_below_lagging,
        sum(case when revenue_attainment is null then 1 else 0 end) as reps_without_target,
        cast({{ lagging_attainment() }} as decimal(9, 4)) as lagging_attainment,
        min(revenue_attainment) as lowest_attainment,
        {{ decimal_median('revenue_attainment', 18, 6) }} as median_attainment,
        max(revenue_attainment) as highest_attainment,
        sum(case when tenure_group = 'new_hire' then 1 else 0 end) as new_hire_reps,
        {{ money(decimal_mean("case when tenure_group = 'new_hire' then revenue end")) }} as new_hire_avg_revenue,
        cast(round(
            {{ decimal_mean("case when tenure_group = 'new_hire' then revenue_attainment end") }}, 6
        ) as decimal(18, 6)) as new_hire_avg_attainment,
        sum(case when tenure_group = 'tenured' then 1 else 0 end) as tenured_reps,
        {{ money(decimal_mean("case when tenure_group = 'tenured' then revenue end")) }} as tenured_avg_revenue,
        cast(round(
            {{ decimal_mean("case when tenure_group = 'tenured' then revenue_attainment end") }}, 6
        ) as decimal(18, 6)) as tenured_avg_attainment
    from with_groups
    group by month
)

select * from final
