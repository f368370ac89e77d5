{#- Pre-hook of the monthly incremental marts: delete+insert only replaces the
    months present in the new result, so a month whose rows all disappeared
    (an optional file re-delivered as absent, a correction that removes the
    last lost opportunity) would keep stale rows. Clearing the whole window
    first, inside the model's transaction, makes a rerun replace exactly its
    months. Spark's tables take no DELETE: get_insert_overwrite_sql drops those
    partitions instead (macros/spark_insert_overwrite.sql). -#}
{% macro delete_window_months() -%}
{%- if is_incremental() and target.type != 'spark' -%}
delete from {{ this }} where {{ in_sales_window('month') }}
{%- endif -%}
{%- endmacro %}
