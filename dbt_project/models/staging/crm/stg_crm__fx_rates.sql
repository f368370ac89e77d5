with source as (
    select * from {{ source('crm', 'fx_rates') }}
),

final as (
    select
        currency,
        -- a month rate is keyed 'YYYY-MM' in the extract; marts join on month dates
        cast(month || '-01' as date) as rate_month,
        rate_date,
        rate_to_reporting,
        batch_month
    from source
)

select * from final
