-- fct_orders takes an order's month from its extract folder; the contract
-- keeps order_date inside that month, and the month-by-month rebuild relies
-- on it.
with orders as (
    select * from {{ ref('fct_orders') }}
)

select
    order_id,
    month,
    order_date
from orders
where {{ month_start('order_date') }} <> month
