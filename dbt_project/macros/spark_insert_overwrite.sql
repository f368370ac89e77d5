{#- dbt-spark's insert_overwrite for the monthly marts (partitioned by month), made to replace
    exactly the run's window. Spark's dynamic partition overwrite replaces only the partitions
    the new rows fall in, so a window month that now has no rows (an optional file re-delivered
    as absent, the last lost opportunity corrected away) would keep its stale rows: those months
    are dropped first. A failed insert then leaves them dropped, which is what the run meant
    them to be; every other month stays as it was. This overrides dbt-spark's macro of the same
    name (the root project's macros come first); only the Spark adapter calls it. -#}
{% macro get_insert_overwrite_sql(source_relation, target_relation, existing_relation) %}
    {%- set stale -%}
        select distinct cast(month as string) as month from {{ target_relation }}
        where {{ in_sales_window('month') }}
        except
        select distinct cast(month as string) as month from {{ source_relation }}
    {%- endset -%}
    {%- set months = run_query(stale).columns[0].values() -%}
    {%- if months | length > 0 -%}
        {%- set partitions = [] -%}
        {%- for month in months | sort -%}
            {%- do partitions.append("partition (month = '" ~ month ~ "')") -%}
        {%- endfor -%}
        {%- do run_query('alter table ' ~ target_relation ~ ' drop if exists ' ~ partitions | join(', ')) -%}
    {%- endif -%}
    {%- set dest_cols_csv = adapter.get_columns_in_relation(target_relation) | map(attribute='quoted') | join(', ') -%}
    insert overwrite table {{ target_relation }}
    {{ partition_cols(label="partition") }}
    select {{ dest_cols_csv }} from {{ source_relation }}
{% endmacro %}
