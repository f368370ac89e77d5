with orders as (
    select * from {{ ref('stg_crm__orders') }}
    where {{ in_sales_window('batch_month') }}
),

order_lines as (
    select * from {{ ref('fct_order_lines') }}
    where {{ in_sales_window('month') }}
),

customers as (
    select * from {{ ref('stg_crm__customers') }}
    where {{ in_sales_window('batch_month') }}
),

sales_reps as (
    select * from {{ ref('stg_crm__sales_reps') }}
    where {{ in_sales_window('batch_month') }}
),

-- "first order" looks at all loaded history up to the window's end, but only
-- for the customers ordering in the window
history_completed_orders as (
    select * from {{ ref('stg_crm__orders') }}
    where
        status = 'completed'
        and batch_month <= {{ sales_month_to() }}
        and customer_id in (select orders.customer_id from orders)
),

first_completed_orders as (
    select
        order_id,
        batch_month
    from history_completed_orders
    qualify row_number() over (
        partition by customer_id order by order_date asc, order_id asc
    ) = 1
),

order_revenue as (
    select
        order_id,
        month,
        sum(line_revenue_transaction) as revenue_transaction,
        sum(line_revenue) as revenue,
        {{ sum_unless_missing('line_revenue_at_prev_month_rates') }} as revenue_at_prev_month_rates,
        {{ sum_unless_missing('line_revenue_at_ly_rates') }} as revenue_at_ly_rates,
        count(*) as lines
    from order_lines
    group by order_id, month
),

final as (
    select
        orders.order_id,
        orders.batch_month as month,
        orders.order_date,
        orders.customer_id,
        orders.rep_id,
        sales_reps.team_id,
        customers.region,
        customers.segment,
        orders.channel,
        orders.campaign_id,
        orders.status,
        orders.currency,
        coalesce(order_revenue.revenue_transaction, 0) as revenue_transaction,
        coalesce(order_revenue.revenue, 0) as revenue,
        -- an order without lines has nothing to convert
        case
            when order_revenue.order_id is null then 0 else order_revenue.revenue_at_prev_month_rates
        end as revenue_at_prev_month_rates,
        case
            when order_revenue.order_id is null then 0 else order_revenue.revenue_at_ly_rates
        end as revenue_at_ly_rates,
        coalesce(order_revenue.lines, 0) as lines,
        first_completed_orders.order_id is not null as is_first_order
    from orders
    left join order_revenue
        on
            orders.order_id = order_revenue.order_id
            and orders.batch_month = order_revenue.month
    left join sales_reps
        on
            orders.rep_id = sales_reps.rep_id
            and orders.batch_month = sales_reps.batch_month
    left join customers
        on
            orders.customer_id = customers.customer_id
            and orders.batch_month = customers.batch_month
    left join first_completed_orders
        on
            orders.order_id = first_completed_orders.order_id
            and orders.batch_month = first_completed_orders.batch_month
)

select * from final
