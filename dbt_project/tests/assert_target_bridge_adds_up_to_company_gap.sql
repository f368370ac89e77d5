-- The bridge's parts add up to the company's revenue gap to the cent, in every
-- month of the window with a company revenue target: any row returned fails.

with bridge as (
    select * from {{ ref('mart_target_bridge') }}
    where {{ sales_window_test_filter('month') }}
),

attainment as (
    select * from {{ ref('mart_target_attainment') }}
    where
        scope = 'company'
        and metric = 'revenue'
        and {{ sales_window_test_filter('month') }}
),

bridge_totals as (
    select
        month,
        sum(shortfall) as shortfall
    from bridge
    group by month
),

compared as (
    select
        attainment.month,
        -attainment.gap as company_shortfall,
        bridge_totals.shortfall as bridge_shortfall
    from attainment
    left join bridge_totals
        on attainment.month = bridge_totals.month
)

select * from compared
where bridge_shortfall is null or bridge_shortfall != company_shortfall
