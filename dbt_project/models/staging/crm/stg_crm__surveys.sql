with source as (
    select * from {{ source('crm', 'surveys') }}
),

final as (
    select
        response_id,
        customer_id,
        response_date,
        score,
        csat,
        comment,
        batch_month
    from source
)

select * from final
