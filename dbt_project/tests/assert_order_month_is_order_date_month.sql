-- fct_orders takes an order's month from its extract folder; the contract
-- keeps order_date inside that month, and the month-by-month rebuild relies
-- on it. Months of the run's window only.
with orders as (
    select * from {{ ref('fct_orders') }}
    where {{ sales_window_test_filter('month') }}
)

select
    order_id,
    month,
    order_date
from orders
where {{ month_start('order_date') }} <> month
