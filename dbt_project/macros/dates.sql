{#- Month arithmetic written once in SQL that DuckDB and Spark read alike
    (`date +/- interval n month`, cast back to date). -#}
{% macro add_months(date_expr, months) -%}
    {%- set n = months | int -%}
    {%- if n == 0 -%}
        {{ date_expr }}
    {%- elif n > 0 -%}
        cast({{ date_expr }} + interval {{ n }} month as date)
    {%- else -%}
        cast({{ date_expr }} - interval {{ -n }} month as date)
    {%- endif -%}
{%- endmacro %}

{#- First day of the month of a date, as a date. -#}
{% macro month_start(date_expr) -%}
    cast(date_trunc('month', {{ date_expr }}) as date)
{%- endmacro %}
