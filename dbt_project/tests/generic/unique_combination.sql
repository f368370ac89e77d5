{#- Rows whose combination of `columns` is not unique. CRM keys are unique
    within a batch month only, so keys are tested together with batch_month
    (or month). Null parts compare equal: a null scope_id still identifies
    the company target. -#}
{% test unique_combination(model, columns) %}

select
    {{ columns | join(', ') }},
    count(*) as duplicate_rows
from {{ model }}
group by {{ columns | join(', ') }}
having count(*) > 1

{% endtest %}
