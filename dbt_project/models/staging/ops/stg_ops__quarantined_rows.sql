-- Every quarantined row of every entity, reduced to the columns they share.
{%- set entities = [
    'orders', 'order_lines', 'opportunities', 'customers', 'products', 'sales_reps',
    'teams', 'targets', 'campaigns', 'surveys', 'market',
] %}

with quarantined as (
    {%- for entity in entities %}
    select
        '{{ entity }}' as entity,
        batch_month,
        run_id,
        reason,
        reason_code,
        reason_values
    from {{ source('quarantine', entity) }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

final as (
    select * from quarantined
)

select * from final
