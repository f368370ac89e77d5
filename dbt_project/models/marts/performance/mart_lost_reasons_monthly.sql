-- Lost opportunities closed in M (M's snapshot) per reason and competitor,
-- with each reason's totals.
-- Many CRMs do not record a reason: those rows are kept under 'unknown' so
-- the counts add up to the pipeline's lost_count; a missing competitor stays
-- null (no competitor named).

with opportunities as (
    select * from {{ ref('int_sales__opportunities') }}
    where {{ in_sales_window('batch_month') }}
),

lost_in_month as (
    select
        batch_month as month,
        coalesce(lost_reason, 'unknown') as lost_reason,
        competitor,
        amount
    from opportunities
    where
        stage = 'lost'
        and close_date >= batch_month
        and close_date < {{ add_months('batch_month', 1) }}
),

by_competitor as (
    select
        month,
        lost_reason,
        competitor,
        count(*) as lost_count,
        {{ money('sum(amount)') }} as lost_amount
    from lost_in_month
    group by month, lost_reason, competitor
),

-- The reason's totals over its competitors, from the rounded amounts, so the
-- rows of a reason add up to them exactly.
final as (
    select
        *,
        cast(sum(lost_count) over (partition by month, lost_reason) as bigint) as reason_lost_count,
        {{ money('sum(lost_amount) over (partition by month, lost_reason)') }} as reason_lost_amount
    from by_competitor
)

select * from final
