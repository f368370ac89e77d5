-- The deals of the month: the won deals closed in it are its orders; the deals open at any time
-- in it or closed in it are its opportunities, in their stage at the month's end (a deal closed
-- after it was still open then). Both kinds name customers and reps, the other entities' rows.
with month as (
    select
        cast(getvariable('month') || '-01' as date) as first_day,
        last_day(cast(getvariable('month') || '-01' as date)) as last_day
)

select
    deals.*,
    deals.class = 'won' and deals.close_date between month.first_day and month.last_day as is_order,
    case when deals.close_date > month.last_day then 'open' else deals.class end as month_end_stage
from deals, month
where
    deals.create_date <= month.last_day
    -- A closed deal without a close date stays in, so that the contract check names its line.
    and (deals.class = 'open' or deals.close_date >= month.first_day or deals.close_date is null)
