-- Pending and authorized orders are no sales yet: left out (their lines too, in order_lines.sql).
select
    order_id,
    order_date,
    customer_id,
    rep_id,
    channel,
    cast(null as varchar) as campaign_id,
    status,
    currency,
    source_line
from order_parts
where status <> 'left_out'
