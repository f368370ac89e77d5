-- Quotations (draft, sent) are no sales yet: left out (their lines too, in sale_lines.sql).
-- date_order is UTC; an order falls on its date in SALES_TIMEZONE.
select
    order_id,
    cast(timezone(getvariable('timezone'), date_order) as date) as order_date,
    partner_id as customer_id,
    user_id as rep_id,
    case when website_id is not null then 'online' else 'agent' end as channel,
    cast(null as varchar) as campaign_id,
    status,
    currency,
    source_line
from sale_orders
where status is distinct from 'left_out'
