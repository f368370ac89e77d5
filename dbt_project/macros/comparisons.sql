{#- A value of another month (M-1, M-12, a month with an optional file): null when that
    month was never loaded, so a pct against it is null too (metrics.md "Comparisons");
    when it was loaded, a missing row means nothing happened then: `absent` (0 for counts
    and amounts; none for averages, which stay null). -#}
{% macro value_in_loaded_month(loaded_month, value, absent=0) -%}
case when {{ loaded_month }}.month is not null then
{%- if absent is none %} {{ value }}{% else %} coalesce({{ value }}, {{ absent }}){% endif %} end
{%- endmacro %}
