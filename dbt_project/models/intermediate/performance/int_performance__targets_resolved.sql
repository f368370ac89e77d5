-- The targets in force for each month. A folder carries targets for its own
-- month and the next, so month M can be set by folder M-1 and revised by
-- folder M: the latest folder (batch_month <= M) with rows for M wins as a
-- whole, and never a folder delivered after M. A revenue target in another
-- currency is converted at the month rate of the folder that set it: the rate
-- known when it was planned. It keeps the 4 decimals targets are given with,
-- so the attainment ratios divide the same types on every engine.

with targets as (
    select * from {{ ref('stg_crm__targets') }}
),

month_rates as (
    select * from {{ ref('int_sales__fx_month_rates') }}
),

as_of_month as (
    select *
    from targets
    where batch_month <= target_month
),

latest_folder as (
    select
        target_month,
        max(batch_month) as batch_month
    from as_of_month
    group by target_month
),

final as (
    select
        as_of_month.target_month as month,
        as_of_month.scope,
        as_of_month.scope_id,
        as_of_month.metric,
        {{ target_in_reporting_currency('as_of_month', 'month_rates.month_rate') }} as target_value,
        as_of_month.currency as target_currency,
        as_of_month.target_value as target_value_transaction,
        as_of_month.batch_month as target_batch_month
    from as_of_month
    inner join latest_folder
        on
            as_of_month.target_month = latest_folder.target_month
            and as_of_month.batch_month = latest_folder.batch_month
    left join month_rates
        on
            as_of_month.batch_month = month_rates.month
            and as_of_month.currency = month_rates.currency
)

select * from final
