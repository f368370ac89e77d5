-- An order is an opportunity won in the month, placed on its CloseDate; open and lost ones, and
-- those won in another month (a Data Export holds them all), are no sale of this month.
-- Salesforce records no cancellation or return of a won deal, so every order is completed. The
-- Campaign object is not read, so no order names a campaign.
select
    opportunity_id as order_id,
    close_date as order_date,
    coalesce(account_id, 'unspecified') as customer_id,
    owner_id as rep_id,
    channel,
    cast(null as varchar) as campaign_id,
    'completed' as status,
    currency,
    source_line
from sf_opportunities
where stage = 'won' and closed_in_month
