-- Completed-order metrics per team and month, the team being the rep's team
-- in that month's sales_reps snapshot. Counted from orders (not summed from
-- reps) because a customer served by two reps of a team is one customer.

with orders as (
    select * from {{ ref('fct_orders') }}
),

rep_roster as (
    select * from {{ ref('int_performance__rep_roster') }}
),

completed_orders as (
    select
        orders.month,
        orders.order_id,
        orders.customer_id,
        orders.revenue,
        orders.is_first_order,
        rep_roster.team_id
    from orders
    inner join rep_roster
        on
            orders.month = rep_roster.month
            and orders.rep_id = rep_roster.rep_id
    where orders.status = 'completed'
),

final as (
    select
        month,
        team_id,
        sum(revenue) as revenue,
        count(distinct order_id) as orders,
        count(distinct customer_id) as active_customers,
        count(distinct case when is_first_order then customer_id end) as new_customers
    from completed_orders
    where team_id is not null
    group by month, team_id
)

select * from final
