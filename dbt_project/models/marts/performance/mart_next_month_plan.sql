-- Proposed company targets for M+1 (metrics.md "Next-month plan"):
-- seasonal_growth = value(M-11) * (1 + g), g = sum(M-2..M) / sum(M-14..M-12) - 1,
-- once 15 months of history exist; otherwise three_month_mean = the mean of
-- the loaded months among M-2..M. A zero prior-year sum leaves g undefined,
-- so that case also falls back to the three-month mean.

with company_sales as (
    select * from {{ ref('int_performance__company_sales_monthly') }}
    where {{ in_sales_window('month', 14) }}
),

-- History starts at the first loaded month (a small table, not the sales history).
first_loaded as (
    select min(month) as first_month
    from {{ ref('int_sales__loaded_months') }}
),

next_month_targets as (
    select * from {{ ref('int_performance__next_month_targets') }}
    where {{ in_sales_window('month') }}
),

plan_months as (
    select
        company_sales.month,
        {{ add_months('company_sales.month', 1) }} as plan_month,
        {{ month_index('company_sales.month') }}
        - {{ month_index('first_loaded.first_month') }}
        + 1 as months_of_history
    from company_sales
    cross join first_loaded
    where {{ in_sales_window('company_sales.month') }}
),

metric_values as (
    select
        month,
        'revenue' as metric,
        cast(revenue as decimal(28, 6)) as metric_value
    from company_sales
    union all
    select
        month,
        'orders' as metric,
        cast(orders as decimal(28, 6)) as metric_value
    from company_sales
    union all
    select
        month,
        'new_customers' as metric,
        cast(new_customers as decimal(28, 6)) as metric_value
    from company_sales
),

inputs as (
    select
        plan_months.month,
        plan_months.plan_month,
        plan_months.months_of_history,
        metric_values.metric,
        max(
            case
                when metric_values.month = {{ add_months('plan_months.month', -11) }} then metric_values.metric_value
            end
        )
            as base_value_m_minus_11,
        sum(
            case
                when metric_values.month >= {{ add_months('plan_months.month', -2) }} then metric_values.metric_value
            end
        )
            as recent_3m_sum,
        sum(case when metric_values.month >= {{ add_months('plan_months.month', -2) }} then 1 else 0 end)
            as recent_months,
        sum(
            case
                when
                    metric_values.month between {{ add_months('plan_months.month', -14) }}
                    and {{ add_months('plan_months.month', -12) }}
                    then metric_values.metric_value
            end
        ) as prior_year_3m_sum
    from plan_months
    inner join metric_values
        on
            metric_values.month between {{ add_months('plan_months.month', -14) }}
            and plan_months.month
    group by plan_months.month, plan_months.plan_month, plan_months.months_of_history, metric_values.metric
),

with_method as (
    select
        *,
        -- `method` is the column name the report reads, keyword or not.
        case
            when months_of_history >= 15 and prior_year_3m_sum > 0 and base_value_m_minus_11 is not null
                then 'seasonal_growth'
            else 'three_month_mean'
        end as method,
        {{ ratio('recent_3m_sum', 'prior_year_3m_sum') }} - 1 as growth_rate
    from inputs
),

final as (
    select
        with_method.month,
        with_method.plan_month,
        with_method.metric,
        cast(round(
            case
                when with_method.method = 'seasonal_growth'
                    -- value(M-11) * (1 + g) without rounding g first; decimal quotients
                    -- (decimal_ratio), so both engines round the same cents
                    then {{ decimal_ratio(
                        'with_method.base_value_m_minus_11 * with_method.recent_3m_sum', 'with_method.prior_year_3m_sum'
                    ) }}
                else {{ decimal_ratio('with_method.recent_3m_sum', 'with_method.recent_months') }}
            end, 2
        ) as decimal(18, 2)) as proposed_target,
        with_method.method,
        next_month_targets.target_value as provided_target,
        with_method.base_value_m_minus_11,
        with_method.recent_3m_sum,
        with_method.recent_months,
        with_method.prior_year_3m_sum,
        case when with_method.method = 'seasonal_growth' then with_method.growth_rate end as growth_rate,
        with_method.months_of_history
    from with_method
    left join next_month_targets
        on
            with_method.month = next_month_targets.month
            and with_method.metric = next_month_targets.metric
)

select * from final
