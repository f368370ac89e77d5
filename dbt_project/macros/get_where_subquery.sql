{#- dbt's `where` test config (docs: "where", Custom logic), plus one
    placeholder: `__sales_window__` becomes the run's month window on the
    tested model's `month` column (sales_window_test_filter). dbt_project.yml
    sets it for the tests of the month-grained models, so a monthly run tests
    its months and not the whole history. The tested model is filtered, never
    the other side of a relationships test. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- set where = where | replace('__sales_window__', sales_window_test_filter('month') | trim) -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
