-- The figures a month's review publishes, one row per month, grain, grain
-- value and metric, so a later run can compare them value by value
-- (pipelines/transform/restatements.py). Decimal throughout: the comparison is exact.
with sales as (
    select * from {{ ref('mart_sales_monthly') }}
    where grain in ('company', 'team', 'channel')
),

customers as (
    select * from {{ ref('mart_customers_monthly') }}
    where segment is null
),

teams as (
    select * from {{ ref('mart_team_performance') }}
),

-- a customer's first completed order names the channel that won them
first_orders as (
    select * from {{ ref('fct_orders') }}
    where is_first_order and status = 'completed'
),

channel_new_customers as (
    select
        month,
        channel,
        count(distinct customer_id) as new_customers
    from first_orders
    group by month, channel
),

attainment as (
    select * from {{ ref('mart_target_attainment') }}
    where scope in ('company', 'team') and metric = 'revenue'
),

{% set sales_metrics = [
    'revenue', 'orders', 'active_customers',
    'revenue_prev', 'revenue_ly', 'revenue_mom_pct', 'revenue_yoy_pct',
] %}
sales_figures as (
    {%- for metric in sales_metrics %}
    select
        month,
        grain,
        grain_value,
        '{{ metric }}' as metric,
        cast({{ metric }} as decimal(38, 9)) as metric_value
    from sales
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

new_customer_figures as (
    select
        month,
        'company' as grain,
        cast(null as string) as grain_value,
        'new_customers' as metric,
        cast(new_customers as decimal(38, 9)) as metric_value
    from customers
    union all
    select
        month,
        'team' as grain,
        team_id as grain_value,
        'new_customers' as metric,
        cast(new_customers as decimal(38, 9)) as metric_value
    from teams
    union all
    -- every channel of the sales mart, 0 where it won nobody new
    select
        sales.month,
        'channel' as grain,
        sales.grain_value,
        'new_customers' as metric,
        cast(coalesce(channel_new_customers.new_customers, 0) as decimal(38, 9)) as metric_value
    from sales
    left join channel_new_customers
        on
            sales.month = channel_new_customers.month
            and sales.grain_value = channel_new_customers.channel
    where sales.grain = 'channel'
),

attainment_figures as (
    select
        month,
        scope as grain,
        scope_id as grain_value,
        'revenue_attainment' as metric,
        cast(attainment as decimal(38, 9)) as metric_value
    from attainment
),

final as (
    select * from sales_figures
    union all
    select * from new_customer_figures
    union all
    select * from attainment_figures
)

select * from final
