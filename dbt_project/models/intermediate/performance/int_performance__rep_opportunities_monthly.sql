-- Won / lost opportunities per rep closed in month M, read from M's own
-- opportunities snapshot (the state of the pipeline at M's end).

with opportunities as (
    select * from {{ ref('int_sales__opportunities') }}
),

closed_in_month as (
    select *
    from opportunities
    where
        stage in ('won', 'lost')
        and close_date >= batch_month
        and close_date < {{ add_months('batch_month', 1) }}
),

final as (
    select
        batch_month as month,
        rep_id,
        sum(case when stage = 'won' then 1 else 0 end) as won_count,
        sum(case when stage = 'won' then amount else 0 end) as won_amount,
        sum(case when stage = 'lost' then 1 else 0 end) as lost_count,
        sum(case when stage = 'lost' then amount else 0 end) as lost_amount
    from closed_in_month
    group by batch_month, rep_id
)

select * from final
