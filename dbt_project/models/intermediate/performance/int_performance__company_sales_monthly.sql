-- Company metrics for every loaded month: a loaded month without completed
-- orders gets zeros, a month that was never loaded has no row.

with loaded_months as (
    select * from {{ ref('int_sales__loaded_months') }}
),

orders as (
    select * from {{ ref('fct_orders') }}
),

completed_totals as (
    select
        month,
        sum(revenue) as revenue,
        count(distinct order_id) as orders,
        count(distinct customer_id) as active_customers,
        count(distinct case when is_first_order then customer_id end) as new_customers
    from orders
    where status = 'completed'
    group by month
),

final as (
    select
        loaded_months.month,
        coalesce(completed_totals.revenue, 0) as revenue,
        coalesce(completed_totals.orders, 0) as orders,
        coalesce(completed_totals.active_customers, 0) as active_customers,
        coalesce(completed_totals.new_customers, 0) as new_customers
    from loaded_months
    left join completed_totals
        on loaded_months.month = completed_totals.month
)

select * from final
