-- Quarter- and year-to-date company totals on the fiscal calendar (metrics.md
-- "Fiscal year"), from the months' own company metrics as MoM/YoY are: M's
-- year-to-date last year reaches back to M-23, its targets to M-11.
{%- set metrics = ['revenue', 'orders', 'new_customers'] %}
{%- set periods = ['qtd', 'ytd'] %}
{%- set metric_periods = [] %}
{%- for metric in metrics %}
{%- for period in periods %}
{%- do metric_periods.append((metric, period)) %}
{%- endfor %}
{%- endfor %}

with loaded_months as (
    select month from {{ ref('int_sales__loaded_months') }}
    where {{ in_sales_window('month') }}
),

company_sales as (
    select * from {{ ref('int_performance__company_sales_monthly') }}
    where {{ in_sales_window('month', 23) }}
),

company_targets as (
    select * from {{ ref('int_performance__targets_resolved') }}
    where
        scope = 'company'
        and metric in ('revenue', 'orders', 'new_customers')
        and {{ in_sales_window('month', 11) }}
),

fiscal_months as (
    select
        month,
        {{ fiscal_year('month') }} as fiscal_year,
        {{ month_of_fiscal_year('month') }} as month_of_fiscal_year
    from loaded_months
),

with_quarter as (
    select
        *,
        cast(floor((month_of_fiscal_year - 1) / 3) as int) + 1 as fiscal_quarter,
        (month_of_fiscal_year - 1) % 3 + 1 as month_of_fiscal_quarter
    from fiscal_months
),

-- Each month's four spans: its quarter and year so far, and the same spans a
-- year earlier. span_end is months since year 0, so a span is a range of them.
spans as (
    {%- for period in periods %}
    {%- for years_back in [0, 1] %}
    select
        month,
        '{{ period }}' as period,
        {{ years_back }} as years_back,
        {{ 'month_of_fiscal_quarter' if period == 'qtd' else 'month_of_fiscal_year' }} as span_months,
        {{ month_index('month') }} - {{ 12 * years_back }} as span_end
    from with_quarter
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

-- A span counts only when every one of its months was loaded: a year-to-date
-- over part of a year would be read as the whole of it.
span_sales as (
    select
        spans.month,
        spans.period,
        spans.years_back,
        spans.span_months,
        count(company_sales.month) as months_loaded,
        sum(company_sales.revenue) as revenue,
        sum(company_sales.orders) as orders,
        sum(company_sales.new_customers) as new_customers
    from spans
    left join company_sales
        on {{ month_index('company_sales.month') }} between spans.span_end - spans.span_months + 1 and spans.span_end
    group by spans.month, spans.period, spans.years_back, spans.span_months
),

-- Likewise a target span counts only when the company had that target in every month of it.
span_targets as (
    select
        spans.month,
        spans.period,
        spans.span_months,
        company_targets.metric,
        count(company_targets.month) as months_targeted,
        sum(company_targets.target_value) as target_value
    from spans
    inner join company_targets
        on {{ month_index('company_targets.month') }} between spans.span_end - spans.span_months + 1 and spans.span_end
    where spans.years_back = 0
    group by spans.month, spans.period, spans.span_months, company_targets.metric
),

complete_sales as (
    select
        month,
        period,
        {%- for metric in metrics %}
        case when months_loaded = span_months then {{ metric }} end as {{ metric }},
        {%- endfor %}
        years_back
    from span_sales
),

complete_targets as (
    select
        month,
        period,
        metric,
        case when months_targeted = span_months then target_value end as target_value
    from span_targets
),

-- One row per month: the spans side by side.
pivoted as (
    select
        with_quarter.month,
        with_quarter.fiscal_year,
        with_quarter.fiscal_quarter,
        {%- for metric, period in metric_periods %}
        max(case
            when complete_sales.period = '{{ period }}' and complete_sales.years_back = 0
                then complete_sales.{{ metric }}
        end) as {{ metric }}_{{ period }},
        max(case
            when complete_sales.period = '{{ period }}' and complete_sales.years_back = 1
                then complete_sales.{{ metric }}
        end) as {{ metric }}_{{ period }}_ly,
        max(case
            when complete_targets.period = '{{ period }}' and complete_targets.metric = '{{ metric }}'
                then complete_targets.target_value
        end) as {{ metric }}_target_{{ period }},
        {%- endfor %}
        with_quarter.month_of_fiscal_year
    from with_quarter
    left join complete_sales
        on with_quarter.month = complete_sales.month
    left join complete_targets
        on
            complete_sales.month = complete_targets.month
            and complete_sales.period = complete_targets.period
            and complete_sales.years_back = 0
    group by
        with_quarter.month,
        with_quarter.fiscal_year,
        with_quarter.fiscal_quarter,
        with_quarter.month_of_fiscal_year
),

final as (
    select
        month,
        fiscal_year,
        fiscal_quarter,
        {%- for metric, period in metric_periods %}
        {%- set actual = metric ~ '_' ~ period %}
        {%- set rounded = money(actual) if metric == 'revenue' else actual %}
        {{ rounded }} as {{ actual }},
        {{ money(actual ~ '_ly') if metric == 'revenue' else actual ~ '_ly' }} as {{ actual }}_ly,
        {{ pct_change(actual, actual ~ '_ly') }} as {{ actual }}_yoy_pct,
        {{ metric }}_target_{{ period }},
        {{ ratio(rounded, metric ~ '_target_' ~ period) }} as {{ metric }}_attainment_{{ period }},
        {%- endfor %}
        month_of_fiscal_year
    from pivoted
)

select * from final
