-- One row per contract order: each Shopify order (from its first row, the only one whose order
-- fields are filled), and for a completed order with a refund a second, returned one holding the
-- refunded part. amount is what the order's lines add up to: the Subtotal (net of discounts,
-- without shipping and taxes) or its refunded part; a refund beyond the Subtotal refunded
-- shipping or taxes too, which were never revenue.
with order_rows as (
    select
        name,
        lower(email) as email,
        employee,
        location,
        source as channel,
        created_at,
        subtotal,
        currency,
        coalesce(refunded_amount, 0) as refunded,
        billing_name,
        billing_country,
        source_line,
        case when cancelled_at is not null then 'cancelled' else financial_status end as status
    from src_orders_export
    where financial_status is not null
),

sales as (
    select
        *,
        name as order_id,
        case when status = 'completed' then subtotal - least(refunded, subtotal) else subtotal end as amount
    from order_rows
),

refunds as (
    select
        * replace ('returned' as status),
        name || ' refund' as order_id,
        least(refunded, subtotal) as amount
    from order_rows
    where status = 'completed' and refunded > 0
),

parts as (
    select * from sales
    union all by name
    select * from refunds
)

select
    name,
    order_id,
    cast(timezone(getvariable('timezone'), created_at) as date) as order_date,
    coalesce(email, 'unspecified') as customer_id,
    coalesce(employee, getvariable('house_rep')) as rep_id,
    coalesce(location, getvariable('house_team')) as team_id,
    channel,
    status,
    amount,
    currency,
    billing_name,
    billing_country,
    source_line
from parts
