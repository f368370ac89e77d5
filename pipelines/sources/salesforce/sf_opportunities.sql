-- One row per opportunity that is not deleted and existed at the month's end, its ids cut to
-- their first 15 characters: the 18-character form only appends a case checksum, so Data Export's
-- 0065g00000AbCdE and the API's 0065g00000AbCdEAAV are one record (compared case-sensitively, as
-- Salesforce does). The stage is the stage's own flags where the export has them (Closed Won:
-- IsWon, Closed Lost: IsClosed alone), else StageName through the stage map; a blank flag, as
-- Data Loader writes false, is no verdict. Data Export holds the whole org, not one month: an
-- opportunity created after the month is left out, and one closed after it was open at its end.
with exported as (
    select
        left(id, 15) as opportunity_id,
        left(account_id, 15) as account_id,
        left(owner_id, 15) as owner_id,
        case
            when is_won then 'won'
            when is_closed then 'lost'
            when is_closed = false then 'open'
            else stage_name
        end as stage,
        close_date,
        cast(timezone(getvariable('timezone'), created_date) as date) as created_date,
        amount,
        currency,
        channel,
        source_line
    from src_opportunity
    where not is_deleted and active
),

month as (
    select
        cast(getvariable('month') || '-01' as date) as first_day,
        last_day(cast(getvariable('month') || '-01' as date)) as last_day
)

select
    exported.* replace (
        case when exported.close_date > month.last_day then 'open' else exported.stage end as stage
    ),
    exported.close_date between month.first_day and month.last_day as closed_in_month
from exported, month
where exported.created_date <= month.last_day
