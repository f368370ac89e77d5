-- What became of each action a month's report proposed (metrics.md "Follow-up"):
-- the number the action is about, as recorded then and as it is one month
-- later, and whether it got better. A view: the report of M reads the actions
-- the report of M-1 recorded, which a range run writes after dbt has run.

with actions as (
    select * from {{ ref('stg_ops__report_actions') }}
),

sales as (
    select * from {{ ref('mart_sales_monthly') }}
    where grain in ('company', 'channel')
),

campaigns as (
    select * from {{ ref('mart_campaign_performance') }}
),

teams as (
    select * from {{ ref('mart_team_performance') }}
),

reps as (
    select * from {{ ref('mart_rep_performance') }}
),

customers as (
    select * from {{ ref('mart_customers_monthly') }}
    where segment is null
),

pipeline as (
    select * from {{ ref('mart_pipeline_monthly') }}
),

satisfaction as (
    select * from {{ ref('mart_satisfaction_monthly') }}
    where segment is null
),

-- Every number an action can be about, by month and key.
{%- set company_kpis = ['revenue', 'orders', 'aov', 'active_customers'] %}
tracked_values as (
    {%- for kpi in company_kpis %}
    select
        month,
        '{{ kpi }}' as tracked_metric,
        cast(null as string) as tracked_key,
        cast({{ kpi }} as decimal(24, 6)) as tracked_value
    from sales
    where grain = 'company'
    union all
    {%- endfor %}
    select
        month,
        'channel_revenue' as tracked_metric,
        grain_value as tracked_key,
        cast(revenue as decimal(24, 6)) as tracked_value
    from sales
    where grain = 'channel'
    union all
    select
        month,
        'campaign_roas' as tracked_metric,
        campaign_id as tracked_key,
        cast(roas as decimal(24, 6)) as tracked_value
    from campaigns
    union all
    select
        month,
        'team_attainment' as tracked_metric,
        team_id as tracked_key,
        cast(revenue_attainment as decimal(24, 6)) as tracked_value
    from teams
    union all
    select
        month,
        'rep_attainment' as tracked_metric,
        rep_id as tracked_key,
        cast(revenue_attainment as decimal(24, 6)) as tracked_value
    from reps
    union all
    select
        month,
        'rep_revenue' as tracked_metric,
        rep_id as tracked_key,
        cast(revenue as decimal(24, 6)) as tracked_value
    from reps
    union all
    select
        month,
        'churn_rate' as tracked_metric,
        cast(null as string) as tracked_key,
        cast(churn_rate as decimal(24, 6)) as tracked_value
    from customers
    union all
    select
        month,
        'win_rate' as tracked_metric,
        cast(null as string) as tracked_key,
        cast(win_rate as decimal(24, 6)) as tracked_value
    from pipeline
    union all
    select
        month,
        'pipeline_coverage' as tracked_metric,
        cast(null as string) as tracked_key,
        cast(pipeline_coverage as decimal(24, 6)) as tracked_value
    from pipeline
    union all
    select
        month,
        'nps' as tracked_metric,
        cast(null as string) as tracked_key,
        cast(nps as decimal(24, 6)) as tracked_value
    from satisfaction
),

followed as (
    select
        {{ add_months('actions.month', 1) }} as month,
        actions.month as action_month,
        actions.position,
        actions.rule,
        actions.subject,
        actions.owner,
        actions.owner_role,
        actions.due,
        actions.shown,
        actions.tracked_metric,
        actions.tracked_key,
        actions.tracked_value as value_then,
        tracked_values.tracked_value as value_now,
        -- Churn is the one number that is better when it falls.
        actions.tracked_metric != 'churn_rate' as higher_is_better
    from actions
    left join tracked_values
        on
            tracked_values.month = {{ add_months('actions.month', 1) }}
            and actions.tracked_metric = tracked_values.tracked_metric
            and actions.tracked_key is not distinct from tracked_values.tracked_key
),

final as (
    select
        month,
        action_month,
        position,
        rule,
        subject,
        owner,
        owner_role,
        due,
        shown,
        tracked_metric,
        tracked_key,
        value_then,
        value_now,
        value_now - value_then as value_change,
        case
            when value_then is null or value_now is null then 'unknown'
            when value_now = value_then then 'unchanged'
            when (value_now > value_then) = higher_is_better then 'better'
            else 'worse'
        end as outcome
    from followed
)

select * from final
