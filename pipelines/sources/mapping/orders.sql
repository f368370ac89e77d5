select
    order_id,
    order_date,
    customer_id,
    rep_id,
    channel,
    campaign_id,
    status,
    source_line
from src_orders
