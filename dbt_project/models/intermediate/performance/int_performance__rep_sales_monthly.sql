-- Completed-order metrics per rep and month. A rep's new customers are the
-- customers whose first completed order (fct_orders.is_first_order) is an
-- order that rep took in the month, so reps' new customers add up to the
-- company's. Months are filtered by the consuming marts (pushed down here).

with orders as (
    select * from {{ ref('fct_orders') }}
),

completed_orders as (
    select *
    from orders
    where status = 'completed'
),

final as (
    select
        month,
        rep_id,
        sum(revenue) as revenue,
        count(distinct order_id) as orders,
        count(distinct customer_id) as active_customers,
        count(distinct case when is_first_order then customer_id end) as new_customers
    from completed_orders
    group by month, rep_id
)

select * from final
