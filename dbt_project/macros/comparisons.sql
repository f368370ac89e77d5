{#- A value of another month (M-1, M-12, a month with an optional file): null when that
    month was never loaded, so a pct against it is null too (metrics.md "Comparisons");
    when it was loaded, a missing row means nothing happened then: `absent` (0 for counts
    and amounts; none for averages, which stay null). -#}
{% macro value_in_loaded_month(loaded_month, value, absent=0) -%}
case when {{ loaded_month }}.month is not null then
{%- if absent is none %} {{ value }}{% else %} coalesce({{ value }}, {{ absent }}){% endif %} end
{%- endmacro %}

{#- The left joins that bring `relation`'s row with the same key from the month
    `months_back` before `month_expr`: `<alias>_month` is that month if it was
    loaded (null otherwise), `<alias>` the row; read them with
    value_in_loaded_month('<alias>_month', '<alias>.<column>'). The model needs
    a `loaded_months` CTE. -#}
{% macro join_month_before(alias, months_back, month_expr, relation, key_expr, key_column) -%}
left join loaded_months as {{ alias }}_month
        on {{ alias }}_month.month = {{ add_months(month_expr, -months_back) }}
    left join {{ relation }} as {{ alias }}
        on
            {{ alias }}_month.month = {{ alias }}.month
            and {{ key_expr }} = {{ alias }}.{{ key_column }}
{%- endmacro %}
