-- Every deal open at any time in the month or closed in it, in its stage at the month's end; an
-- open deal's close date is when it is expected to close. HubSpot has no lost reason field.
select
    deal_id as opportunity_id,
    coalesce(company_id, 'unspecified') as customer_id,
    owner_id as rep_id,
    create_date as created_date,
    case when month_end_stage = 'open' then close_date end as expected_close_date,
    case when month_end_stage <> 'open' then close_date end as close_date,
    month_end_stage as stage,
    amount,
    cast(null as varchar) as lost_reason,
    cast(null as varchar) as competitor,
    currency,
    source_line
from month_deals
