{#- dbt's `where` test config (docs: "where", Custom logic), plus two
    placeholders: `__sales_window__` becomes the run's month window on the
    tested model's `month` column (sales_window_test_filter), and
    `__sales_batch_window__` the same on `batch_month` (staging views). dbt_project.yml
    sets it for the tests of the month-grained models, so a monthly run tests
    its months and not the whole history. Only the tested model is filtered
    here; relationship_in_month filters its parent itself. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- set where = where
            | replace('__sales_window__', sales_window_test_filter('month') | trim)
            | replace('__sales_batch_window__', sales_window_test_filter('batch_month') | trim) -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
