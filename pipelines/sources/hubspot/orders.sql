-- An order is a deal won in the month, on its close date; a deal without a company is of the
-- customer "unspecified". HubSpot records no cancellations or returns on a deal: all completed.
select
    deal_id as order_id,
    close_date as order_date,
    coalesce(company_id, 'unspecified') as customer_id,
    owner_id as rep_id,
    channel,
    cast(null as varchar) as campaign_id,
    'completed' as status,
    currency,
    source_line
from month_deals
where is_order
