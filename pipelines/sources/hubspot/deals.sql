-- Every deal that is not deleted, its stage classified open / won / lost: by the stage's own
-- flags in deal_pipeline_stage.csv when that file has the stage (so a custom pipeline's stages,
-- whatever their ids, are read as HubSpot classifies them), else by its label or default id
-- (maps: stage). A stage classified by neither fails the month naming it and its line.
-- Dates are the deal's calendar days in SALES_TIMEZONE.
with stages as (
    select
        stage_id,
        case
            when closed_won or probability = 1 then 'won'
            when probability = 0 then 'lost'
            when probability > 0 then 'open'
            -- A label the map does not know leaves the stage to the deal's own value (an id it knows).
            else nullif(label, 'unclassified')
        end as class
    from src_deal_pipeline_stage
    where not is_deleted
),

companies as (
    select
        deal_id,
        min(company_id) as company_id
    from src_deal_company
    group by deal_id
),

classified as (
    select
        deal.deal_id,
        deal.stage,
        coalesce(stages.class, deal.stage_class) as class,
        cast(timezone(getvariable('timezone'), deal.close_date) as date) as close_date,
        cast(timezone(getvariable('timezone'), deal.create_date) as date) as create_date,
        deal.amount,
        deal.currency,
        deal.owner_id,
        deal.team_id,
        -- The export's association lists a deal's companies as 1;2: the first is its customer.
        coalesce(nullif(trim(split_part(deal.company_id, ';', 1)), ''), companies.company_id) as company_id,
        nullif(trim(split_part(deal.company_name, ';', 1)), '') as company_name,
        deal.channel,
        deal.source_line
    from src_deal as deal
    left join stages on deal.stage = stages.stage_id
    left join companies on deal.deal_id = companies.deal_id
    where not deal.is_deleted
)

select
    * replace (
        case
            when class in ('open', 'won', 'lost') then class
            else error(
                'column Deal Stage or deal_pipeline_stage_id, line ' || source_line || ': the stage ' || stage
                || ' is neither open, won nor lost: give it closed_won and probability in '
                || 'deal_pipeline_stage.csv, or extend the map stage in pipelines/sources/hubspot/source.yml'
            )
        end as class
    )
from classified
