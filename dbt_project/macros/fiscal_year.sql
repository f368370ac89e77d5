{#- The fiscal calendar (metrics.md "Fiscal year"): its start month s comes from
    SALES_FISCAL_YEAR_START_MONTH as the dbt var fiscal_year_start_month, which the
    pipeline and `python -m pipelines.transform.vars` pass. No default here, as for
    the rules thresholds: a build that forgets it fails instead of assuming January
    (checked at execution only: while parsing, dbt renders a missing var as none). -#}
{% macro fiscal_year_start_month() -%}
    {%- set start = var('fiscal_year_start_month') | int -%}
    {%- if execute and not 1 <= start <= 12 -%}
        {{ exceptions.raise_compiler_error('fiscal_year_start_month must be 1-12, got ' ~ var('fiscal_year_start_month')) }}
    {%- endif -%}
    {{ start }}
{%- endmacro %}

{#- 1 for the fiscal year's first month .. 12 for its last. -#}
{% macro month_of_fiscal_year(date_expr) -%}
cast((extract(month from {{ date_expr }}) + {{ 12 - (fiscal_year_start_month() | int) }}) % 12 + 1 as int)
{%- endmacro %}

{#- The calendar year in which the fiscal year of the month ends. -#}
{% macro fiscal_year(date_expr) -%}
{%- set start = fiscal_year_start_month() | int -%}
{%- if start == 1 -%}
cast(extract(year from {{ date_expr }}) as int)
{%- else -%}
cast(extract(year from {{ date_expr }}) + case when extract(month from {{ date_expr }}) >= {{ start }} then 1 else 0 end as int)
{%- endif -%}
{%- endmacro %}
