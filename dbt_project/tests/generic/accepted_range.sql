{#- Values of `column_name` outside [min_value, max_value] (either bound
    optional). Nulls pass: rates are null by definition when their base is
    empty. -#}
{% test accepted_range(model, column_name, min_value=none, max_value=none) %}

{%- set bounds = (
    ([column_name ~ ' >= ' ~ min_value] if min_value is not none else [])
    + ([column_name ~ ' <= ' ~ max_value] if max_value is not none else [])
) %}

select {{ column_name }}
from {{ model }}
where not ({{ bounds | join(' and ') if bounds else 'true' }})

{% endtest %}
