-- The pipeline at the month's end: every opportunity of sf_opportunities.sql. CloseDate is the
-- expected close date of an open one and the close date of a closed one. Salesforce has no
-- standard loss reason or competitor field.
select
    opportunity_id,
    coalesce(account_id, 'unspecified') as customer_id,
    owner_id as rep_id,
    created_date,
    close_date as expected_close_date,
    case when stage = 'open' then null else close_date end as close_date,
    stage,
    amount,
    cast(null as varchar) as lost_reason,
    cast(null as varchar) as competitor,
    currency,
    source_line
from sf_opportunities
