-- How good the plan method is (metrics.md "Follow-up"): the target that the
-- report of M-1 proposed for M (mart_next_month_plan) against M's actual, and
-- the method's mean absolute error over the last six months evaluated
-- (M-5 .. M), so the plan earns trust or shows it needs a better method.
-- depends_on: {{ ref('int_sales__loaded_months') }}

with plan as (
    select * from {{ ref('mart_next_month_plan') }}
    where {{ in_sales_window('month', 6) }}
),

sales as (
    select * from {{ ref('mart_sales_monthly') }}
    where
        grain = 'company'
        and {{ in_sales_window('month', 5) }}
),

customers as (
    select * from {{ ref('mart_customers_monthly') }}
    where
        segment is null
        and {{ in_sales_window('month', 5) }}
),

actuals as (
    select
        month,
        'revenue' as metric,
        cast(revenue as decimal(28, 6)) as actual
    from sales
    union all
    select
        month,
        'orders' as metric,
        cast(orders as decimal(28, 6)) as actual
    from sales
    union all
    select
        month,
        'new_customers' as metric,
        cast(new_customers as decimal(28, 6)) as actual
    from customers
),

evaluated as (
    select
        plan.plan_month as month,
        plan.metric,
        plan.method,
        cast(plan.proposed_target as decimal(28, 6)) as proposed_target,
        actuals.actual,
        actuals.actual - plan.proposed_target as error,
        abs(actuals.actual - plan.proposed_target) / nullif(actuals.actual, 0) as abs_pct_error
    from plan
    inner join actuals
        on
            plan.plan_month = actuals.month
            and plan.metric = actuals.metric
),

history as (
    select
        current_month.month,
        current_month.metric,
        count(earlier.abs_pct_error) as months_evaluated,
        avg(earlier.abs_pct_error) as mean_abs_pct_error
    from evaluated as current_month
    inner join evaluated as earlier
        on
            current_month.metric = earlier.metric
            and earlier.month between {{ add_months('current_month.month', -5) }} and current_month.month
    group by current_month.month, current_month.metric
),

final as (
    select
        evaluated.month,
        evaluated.metric,
        evaluated.method,
        evaluated.proposed_target,
        evaluated.actual,
        evaluated.error,
        {{ ratio('evaluated.abs_pct_error', '1') }} as abs_pct_error,
        history.months_evaluated,
        {{ ratio('history.mean_abs_pct_error', '1') }} as mean_abs_pct_error_6m
    from evaluated
    inner join history
        on
            evaluated.month = history.month
            and evaluated.metric = history.metric
    where {{ in_sales_window('evaluated.month') }}
)

select * from final
