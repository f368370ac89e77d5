-- Company targets that the extract of month M provides for M+1: what was
-- known at M's close, used for pipeline coverage and the next-month plan.

with targets as (
    select * from {{ ref('stg_crm__targets') }}
),

final as (
    select
        batch_month as month,
        target_month as plan_month,
        metric,
        target_value
    from targets
    where
        scope = 'company'
        and target_month = {{ add_months('batch_month', 1) }}
)

select * from final
