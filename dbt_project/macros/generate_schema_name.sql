{#- Custom schemas (staging, intermediate, marts) are the DuckDB schema names
    themselves, not prefixed with the target schema, so other tools can query
    `marts.mart_sales_monthly` without knowing the dbt target. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
