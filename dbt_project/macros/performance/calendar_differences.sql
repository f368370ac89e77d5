{#- Date differences written in SQL that DuckDB and Spark read alike, without
    dbt.datediff (whose adapter dispatch the project's sqlfluff jinja templater
    cannot render). -#}

{#- Months since year 0: the difference of two month_index values is the
    number of calendar months between two dates (0 within one month). -#}
{% macro month_index(date_expr) -%}
(extract(year from {{ date_expr }}) * 12 + extract(month from {{ date_expr }}))
{%- endmacro %}

{#- Whole days from start_date to end_date: timestamp subtraction gives a
    day-time interval on both engines (never folded into months). -#}
{% macro days_between(start_date, end_date) -%}
extract(day from cast({{ end_date }} as timestamp) - cast({{ start_date }} as timestamp))
{%- endmacro %}
