-- One row per loaded month (the required orders file arrived), with which
-- optional files came with it: marts build only loaded months and report
-- "not provided" for absent optional files.
with extract_files as (
    select * from {{ ref('stg_crm__extract_files') }}
),

per_month as (
    select
        batch_month as month,
        max(case when entity = 'orders' and provided then 1 else 0 end) as orders_provided,
        max(case when entity = 'opportunities' and provided then 1 else 0 end) as opportunities_provided,
        max(case when entity = 'targets' and provided then 1 else 0 end) as targets_provided,
        max(case when entity = 'campaigns' and provided then 1 else 0 end) as campaigns_provided,
        max(case when entity = 'surveys' and provided then 1 else 0 end) as surveys_provided,
        max(case when entity = 'market' and provided then 1 else 0 end) as market_provided
    from extract_files
    group by batch_month
),

final as (
    select
        month,
        opportunities_provided = 1 as opportunities_provided,
        targets_provided = 1 as targets_provided,
        campaigns_provided = 1 as campaigns_provided,
        surveys_provided = 1 as surveys_provided,
        market_provided = 1 as market_provided
    from per_month
    where orders_provided = 1
)

select * from final
