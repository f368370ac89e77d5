-- One row per campaign in M's campaigns file (spend is the part that falls in
-- M); attributed = completed orders of M carrying that campaign_id.

with campaigns as (
    select * from {{ ref('int_sales__campaigns') }}
    where {{ in_sales_window('batch_month') }}
),

orders as (
    select * from {{ ref('fct_orders') }}
    where {{ in_sales_window('month') }}
),

attributed as (
    select
        month,
        campaign_id,
        sum(revenue) as attributed_revenue,
        count(distinct order_id) as attributed_orders
    from orders
    where
        status = 'completed'
        and campaign_id is not null
    group by month, campaign_id
),

with_attribution as (
    select
        campaigns.batch_month as month,
        campaigns.campaign_id,
        campaigns.campaign_name,
        campaigns.campaign_type,
        campaigns.channel,
        campaigns.start_date,
        campaigns.end_date,
        campaigns.currency,
        campaigns.spend_transaction,
        campaigns.spend,
        coalesce(attributed.attributed_revenue, 0) as attributed_revenue,
        coalesce(attributed.attributed_orders, 0) as attributed_orders
    from campaigns
    left join attributed
        on
            campaigns.batch_month = attributed.month
            and campaigns.campaign_id = attributed.campaign_id
),

per_campaign as (
    select
        month,
        campaign_id,
        campaign_name,
        campaign_type,
        channel,
        start_date,
        end_date,
        currency,
        {{ money('spend_transaction') }} as spend_transaction,
        {{ money('spend') }} as spend,
        {{ money('attributed_revenue') }} as attributed_revenue,
        attributed_orders,
        {{ ratio('attributed_revenue', 'spend') }} as roas,
        {{ ratio('(attributed_revenue - spend)', 'spend') }} as roi
    from with_attribution
),

-- The month's total from the rounded spends, so the campaigns add up to it.
final as (
    select
        *,
        {{ money('sum(spend) over (partition by month)') }} as month_total_spend
    from per_campaign
)

select * from final
