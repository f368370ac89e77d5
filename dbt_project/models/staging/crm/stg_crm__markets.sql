with source as (
    select * from {{ source('crm', 'market') }}
),

final as (
    select
        region,
        market_size,
        batch_month
    from source
)

select * from final
