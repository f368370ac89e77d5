{#- A model's column rules, checked in one scan: `not_null` (a list of
    columns), `accepted_range` (column: {min_value, max_value}, either bound
    optional) and `accepted_values` (column: [values]). Returns one row per
    broken rule with the number of rows that break it, so the test fails when
    any rule does. Nulls pass the range and value rules, as in dbt's own
    accepted_values and in accepted_range: not_null says whether a column may
    be null. One test instead of one per column and rule: each dbt test node
    costs a query, a compilation and a Dagster event, whatever it checks. -#}
{% test column_rules(model, not_null=[], accepted_range={}, accepted_values={}) %}

{%- set rules = [] -%}
{%- for column in not_null -%}
    {%- do rules.append((column, 'not_null', column ~ ' is null')) -%}
{%- endfor -%}
{%- for column, bounds in accepted_range.items() -%}
    {%- set outside = [] -%}
    {%- if bounds.get('min_value') is not none -%}
        {%- do outside.append(column ~ ' < ' ~ bounds['min_value']) -%}
    {%- endif -%}
    {%- if bounds.get('max_value') is not none -%}
        {%- do outside.append(column ~ ' > ' ~ bounds['max_value']) -%}
    {%- endif -%}
    {%- do rules.append((column, 'accepted_range', outside | join(' or ') or 'false')) -%}
{%- endfor -%}
{%- for column, values in accepted_values.items() -%}
    {%- set quoted = [] -%}
    {%- for value in values -%}
        {%- do quoted.append("'" ~ (value | string | replace("'", "''")) ~ "'") -%}
    {%- endfor -%}
    {%- do rules.append((column, 'accepted_values', column ~ ' not in (' ~ quoted | join(', ') ~ ')')) -%}
{%- endfor -%}

with failures as (
    select
        {% for column, rule, breaks in rules -%}
            coalesce(sum(case when {{ breaks }} then 1 else 0 end), 0) as rule_{{ loop.index }}
            {{- "," if not loop.last }}
        {% endfor %}
    from {{ model }}
),

rules as (
    {% for column, rule, breaks in rules -%}
        select
            '{{ column }}' as column_name,
            '{{ rule }}' as rule,
            rule_{{ loop.index }} as failing_rows
        from failures
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
)

select
    column_name,
    rule,
    failing_rows
from rules
where failing_rows > 0

{% endtest %}
