-- Only months whose opportunities file was provided get a row: an absent
-- optional file means "not provided", never zeros. M-1 is read too, for the
-- month-over-month changes.

with opportunity_months as (
    select month from {{ ref('int_sales__loaded_months') }}
    where
        opportunities_provided
        and {{ in_sales_window('month', 1) }}
),

opportunities as (
    select * from {{ ref('int_sales__opportunities') }}
    where {{ in_sales_window('batch_month', 1) }}
),

next_month_targets as (
    select * from {{ ref('int_performance__next_month_targets') }}
    where {{ in_sales_window('month') }}
),

classified as (
    select
        batch_month as month,
        stage,
        amount,
        close_date >= batch_month and close_date < {{ add_months('batch_month', 1) }} as closed_in_month,
        expected_close_date >= {{ add_months('batch_month', 1) }}
        and expected_close_date < {{ add_months('batch_month', 2) }} as expected_next_month,
        {{ days_between('created_date', 'close_date') }} as cycle_days
    from opportunities
),

month_totals as (
    select
        month,
        sum(case when closed_in_month and stage = 'won' then 1 else 0 end) as won_count,
        sum(case when closed_in_month and stage = 'won' then amount else 0 end) as won_amount,
        sum(case when closed_in_month and stage = 'lost' then 1 else 0 end) as lost_count,
        sum(case when closed_in_month and stage = 'lost' then amount else 0 end) as lost_amount,
        avg(case when closed_in_month and stage = 'won' then cycle_days end) as avg_cycle_days,
        sum(case when stage = 'open' then amount else 0 end) as open_pipeline,
        sum(case when stage = 'open' and expected_next_month then amount else 0 end) as next_month_pipeline
    from classified
    group by month
),

next_month_revenue_targets as (
    select
        month,
        target_value as next_month_revenue_target
    from next_month_targets
    where metric = 'revenue'
),

monthly as (
    select
        opportunity_months.month,
        coalesce(month_totals.won_count, 0) as won_count,
        {{ money('coalesce(month_totals.won_amount, 0)') }} as won_amount,
        coalesce(month_totals.lost_count, 0) as lost_count,
        {{ money('coalesce(month_totals.lost_amount, 0)') }} as lost_amount,
        {{ ratio('month_totals.won_count', 'month_totals.won_count + month_totals.lost_count') }} as win_rate,
        cast(round(month_totals.avg_cycle_days, 1) as decimal(9, 1)) as avg_cycle_days,
        {{ money('coalesce(month_totals.open_pipeline, 0)') }} as open_pipeline,
        {{ money('coalesce(month_totals.next_month_pipeline, 0)') }} as next_month_pipeline,
        {{ money('next_month_revenue_targets.next_month_revenue_target') }} as next_month_revenue_target,
        {{ ratio(
            'coalesce(month_totals.next_month_pipeline, 0)',
            'next_month_revenue_targets.next_month_revenue_target',
        ) }} as pipeline_coverage
    from opportunity_months
    left join month_totals
        on opportunity_months.month = month_totals.month
    left join next_month_revenue_targets
        on opportunity_months.month = next_month_revenue_targets.month
),

-- Changes from the rounded values of M and M-1, as the report shows both; null
-- when M-1 has no opportunities file (no row) or either win rate is null.
final as (
    select
        current_month.*,
        cast(current_month.win_rate - prev_month.win_rate as decimal(18, 6)) as win_rate_mom_delta,
        {{ money('current_month.open_pipeline - prev_month.open_pipeline') }} as open_pipeline_mom_delta
    from monthly as current_month
    left join monthly as prev_month
        on prev_month.month = {{ add_months('current_month.month', -1) }}
    where {{ in_sales_window('current_month.month') }}
)

select * from final
