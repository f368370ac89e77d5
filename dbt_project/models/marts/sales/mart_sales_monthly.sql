-- Read the window and its comparison bases M-1 and M-12, not the months in
-- between: a month's cost stays the same whatever the history.
with loaded_months as (
    select month from {{ ref('int_sales__loaded_months') }}
    where {{ in_sales_window_and_comparisons('month', [1, 12]) }}
),

orders as (
    select * from {{ ref('fct_orders') }}
    where {{ in_sales_window_and_comparisons('month', [1, 12]) }}
),

order_lines as (
    select * from {{ ref('fct_order_lines') }}
    where {{ in_sales_window_and_comparisons('month', [1, 12]) }}
),

-- An order counts once in each category it has a line in, with the revenue
-- of those lines only, so category revenue splits the order exactly.
order_categories as (
    select
        month,
        order_id,
        customer_id,
        status,
        coalesce(category, 'unknown') as category,
        sum(line_revenue) as revenue,
        {{ sum_unless_missing('line_revenue_at_prev_month_rates') }} as revenue_at_prev_month_rates,
        {{ sum_unless_missing('line_revenue_at_ly_rates') }} as revenue_at_ly_rates
    from order_lines
    group by month, order_id, customer_id, status, coalesce(category, 'unknown')
),

-- One row per order and grain it belongs to (a grain value the CRM left
-- empty is reported as 'unknown'); grain name -> column of fct_orders.
{%- set order_grain_columns = [
    ('region', 'region'), ('channel', 'channel'), ('segment', 'segment'),
    ('team', 'team_id'), ('rep', 'rep_id'),
] %}
order_grains as (
    {%- for grain, column in order_grain_columns %}
    select
        month,
        '{{ grain }}' as grain,
        coalesce({{ column }}, 'unknown') as grain_value,
        order_id,
        customer_id,
        status,
        revenue,
        revenue_at_prev_month_rates,
        revenue_at_ly_rates
    from orders
    union all
    {%- endfor %}
    select
        month,
        'category' as grain,
        category as grain_value,
        order_id,
        customer_id,
        status,
        revenue,
        revenue_at_prev_month_rates,
        revenue_at_ly_rates
    from order_categories
),

grain_metrics as (
    select
        month,
        grain,
        grain_value,
        sum(case when status = 'completed' then revenue else 0 end) as revenue,
        count(distinct case when status = 'completed' then order_id end) as orders,
        count(distinct case when status = 'completed' then customer_id end) as active_customers,
        count(distinct case when status = 'cancelled' then order_id end) as cancelled_orders,
        count(distinct case when status = 'returned' then order_id end) as returned_orders,
        sum(case when status = 'returned' then revenue else 0 end) as returned_revenue,
        {{ sum_unless_missing('revenue_at_prev_month_rates', "status = 'completed'") }} as revenue_at_prev_month_rates,
        {{ sum_unless_missing('revenue_at_ly_rates', "status = 'completed'") }} as revenue_at_ly_rates
    from order_grains
    group by month, grain, grain_value
),

-- The company row exists for every loaded month, orders or not.
company_metrics as (
    select
        loaded_months.month,
        'company' as grain,
        null as grain_value,
        coalesce(sum(case when orders.status = 'completed' then orders.revenue end), 0) as revenue,
        count(distinct case when orders.status = 'completed' then orders.order_id end) as orders,
        count(distinct case when orders.status = 'completed' then orders.customer_id end) as active_customers,
        count(distinct case when orders.status = 'cancelled' then orders.order_id end) as cancelled_orders,
        count(distinct case when orders.status = 'returned' then orders.order_id end) as returned_orders,
        coalesce(sum(case when orders.status = 'returned' then orders.revenue end), 0) as returned_revenue,
        {{ sum_unless_missing('orders.revenue_at_prev_month_rates', "orders.status = 'completed'") }}
            as revenue_at_prev_month_rates,
        {{ sum_unless_missing('orders.revenue_at_ly_rates', "orders.status = 'completed'") }} as revenue_at_ly_rates
    from loaded_months
    left join orders on loaded_months.month = orders.month
    group by loaded_months.month
),

all_metrics as (
    select * from company_metrics
    union all
    select * from grain_metrics
),

with_aov as (
    select
        *,
        {{ decimal_ratio('revenue', 'orders') }} as aov
    from all_metrics
),

-- A grain absent in a loaded base month had no sales then: its counts are 0
-- there; its average order value stays null. Bases of months not loaded stay
-- null, so their pct is null too.
compared as (
    select
        current_month.*,
        {{ value_in_loaded_month('prev_month', 'prev_metrics.revenue') }} as revenue_prev,
        {{ value_in_loaded_month('prev_month', 'prev_metrics.orders') }} as orders_prev,
        {{ value_in_loaded_month('prev_month', 'prev_metrics.aov', absent=none) }} as aov_prev,
        {{ value_in_loaded_month('prev_month', 'prev_metrics.active_customers') }} as active_customers_prev,
        {{ value_in_loaded_month('ly_month', 'ly_metrics.revenue') }} as revenue_ly,
        {{ value_in_loaded_month('ly_month', 'ly_metrics.orders') }} as orders_ly,
        {{ value_in_loaded_month('ly_month', 'ly_metrics.aov', absent=none) }} as aov_ly,
        {{ value_in_loaded_month('ly_month', 'ly_metrics.active_customers') }} as active_customers_ly
    from with_aov as current_month
    left join loaded_months as prev_month
        on prev_month.month = {{ add_months('current_month.month', -1) }}
    left join with_aov as prev_metrics
        on
            prev_month.month = prev_metrics.month
            and current_month.grain = prev_metrics.grain
            and current_month.grain_value is not distinct from prev_metrics.grain_value
    left join loaded_months as ly_month
        on ly_month.month = {{ add_months('current_month.month', -12) }}
    left join with_aov as ly_metrics
        on
            ly_month.month = ly_metrics.month
            and current_month.grain = ly_metrics.grain
            and current_month.grain_value is not distinct from ly_metrics.grain_value
    where {{ in_sales_window('current_month.month') }}
),

rounded as (
    select
        month,
        grain,
        grain_value,
        {{ money('revenue') }} as revenue,
        orders,
        {{ money('aov') }} as aov,
        active_customers,
        cancelled_orders,
        returned_orders,
        {{ money('returned_revenue') }} as returned_revenue,
        {{ money('revenue_prev') }} as revenue_prev,
        {{ money('revenue_ly') }} as revenue_ly,
        {{ pct_change('revenue', 'revenue_prev') }} as revenue_mom_pct,
        {{ pct_change('revenue', 'revenue_ly') }} as revenue_yoy_pct,
        orders_prev,
        orders_ly,
        {{ pct_change('orders', 'orders_prev') }} as orders_mom_pct,
        {{ pct_change('orders', 'orders_ly') }} as orders_yoy_pct,
        {{ money('aov_prev') }} as aov_prev,
        {{ money('aov_ly') }} as aov_ly,
        {{ pct_change('aov', 'aov_prev') }} as aov_mom_pct,
        {{ pct_change('aov', 'aov_ly') }} as aov_yoy_pct,
        active_customers_prev,
        active_customers_ly,
        {{ pct_change('active_customers', 'active_customers_prev') }} as active_customers_mom_pct,
        {{ pct_change('active_customers', 'active_customers_ly') }} as active_customers_yoy_pct,
        -- constant currency: this month's sales at the comparison month's rates
        {{ money('revenue_at_prev_month_rates') }} as revenue_at_prev_month_rates,
        {{ money('revenue_at_ly_rates') }} as revenue_at_ly_rates,
        {{ pct_change('revenue_at_prev_month_rates', 'revenue_prev') }} as revenue_mom_pct_cc,
        {{ pct_change('revenue_at_ly_rates', 'revenue_ly') }} as revenue_yoy_pct_cc
    from compared
),

company_revenue as (
    select
        month,
        revenue
    from rounded
    where grain = 'company'
),

-- Revenue changes and shares from the rounded amounts, so they agree with the
-- revenue shown beside them to the cent.
final as (
    select
        rounded.*,
        {{ money('rounded.revenue - rounded.revenue_prev') }} as revenue_mom_delta,
        {{ money('rounded.revenue - rounded.revenue_ly') }} as revenue_yoy_delta,
        {{ ratio('rounded.revenue', 'company_revenue.revenue') }} as revenue_share_of_company
    from rounded
    left join company_revenue
        on rounded.month = company_revenue.month
)

select * from final
