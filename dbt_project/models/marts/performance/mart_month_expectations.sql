-- What was expected of each headline number of M, so the report judges a
-- month against its season and its plan, not only against the month before
-- (metrics.md "Expectations"): the company KPIs, each channel's revenue and
-- the pipeline coverage, with their MoM and YoY, the MoM the same month had a
-- year before (a January that falls as last January did is a season, not a
-- problem), the median of the twelve months before (what is usual for this
-- business) and the company target where one exists. Reads the window and the
-- twelve months before it.
-- depends_on: {{ ref('int_sales__loaded_months') }}

with sales_monthly as (
    select * from {{ ref('mart_sales_monthly') }}
    where
        grain in ('company', 'channel')
        and {{ in_sales_window('month', 12) }}
),

pipeline as (
    select * from {{ ref('mart_pipeline_monthly') }}
    where {{ in_sales_window('month', 12) }}
),

targets as (
    select * from {{ ref('mart_target_attainment') }}
    where
        scope = 'company'
        and {{ in_sales_window('month') }}
),

-- One row per grain value and metric: revenue for every grain, the other KPIs
-- for the company.
{%- set metrics = ['revenue', 'orders', 'aov', 'active_customers'] %}
metric_values as (
    {%- for metric in metrics %}
    select
        month,
        grain,
        grain_value,
        '{{ metric }}' as metric,
        cast({{ metric }} as decimal(24, 6)) as metric_value,
        cast({{ metric }}_prev as decimal(24, 6)) as metric_value_prev,
        cast({{ metric }}_ly as decimal(24, 6)) as metric_value_ly,
        {{ metric }}_mom_pct as mom_pct,
        {{ metric }}_yoy_pct as yoy_pct
    from sales_monthly
    {%- if metric != 'revenue' %}
    where grain = 'company'
    {%- endif %}
    union all
    {%- endfor %}
    select
        month,
        'company' as grain,
        cast(null as string) as grain_value,
        'pipeline_coverage' as metric,
        cast(pipeline_coverage as decimal(24, 6)) as metric_value,
        cast(null as decimal(24, 6)) as metric_value_prev,
        cast(null as decimal(24, 6)) as metric_value_ly,
        cast(null as decimal(18, 6)) as mom_pct,
        cast(null as decimal(18, 6)) as yoy_pct
    from pipeline
),

-- The usual level: the median over the loaded months among M-12 .. M-1.
history as (
    select
        current_month.month,
        current_month.grain,
        current_month.grain_value,
        current_month.metric,
        count(earlier.metric_value) as history_months,
        {{ decimal_median('earlier.metric_value', 24, 6) }} as history_median
    from metric_values as current_month
    inner join metric_values as earlier
        on
            earlier.month between {{ add_months('current_month.month', -12) }}
            and {{ add_months('current_month.month', -1) }}
            and current_month.grain = earlier.grain
            and current_month.grain_value is not distinct from earlier.grain_value
            and current_month.metric = earlier.metric
    where {{ in_sales_window('current_month.month') }}
    group by current_month.month, current_month.grain, current_month.grain_value, current_month.metric
),

with_last_year as (
    select
        current_month.*,
        last_year.mom_pct as ly_mom_pct
    from metric_values as current_month
    left join metric_values as last_year
        on
            last_year.month = {{ add_months('current_month.month', -12) }}
            and current_month.grain = last_year.grain
            and current_month.grain_value is not distinct from last_year.grain_value
            and current_month.metric = last_year.metric
    where {{ in_sales_window('current_month.month') }}
),

final as (
    select
        with_last_year.month,
        with_last_year.grain,
        with_last_year.grain_value,
        with_last_year.metric,
        with_last_year.metric_value,
        with_last_year.metric_value_prev,
        with_last_year.metric_value_ly,
        with_last_year.mom_pct,
        with_last_year.yoy_pct,
        with_last_year.ly_mom_pct,
        coalesce(history.history_months, 0) as history_months,
        cast(history.history_median as decimal(24, 6)) as history_median,
        targets.target_value,
        targets.attainment
    from with_last_year
    left join history
        on
            with_last_year.month = history.month
            and with_last_year.grain = history.grain
            and with_last_year.grain_value is not distinct from history.grain_value
            and with_last_year.metric = history.metric
    left join targets
        on
            with_last_year.month = targets.month
            and with_last_year.grain = 'company'
            and with_last_year.metric = targets.metric
)

select * from final
