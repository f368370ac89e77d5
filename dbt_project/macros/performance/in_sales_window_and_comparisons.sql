{#- `column` lies in the window or in the window shifted back by one of
    `months_back` (e.g. [1, 12] for prev-month and last-year comparisons),
    without reading the months in between as in_sales_window(column, 12) would. -#}
{% macro in_sales_window_and_comparisons(column, months_back) -%}
(
{{ in_sales_window(column) }}
{%- for shift in months_back %}
or {{ column }} between {{ sales_month_from(shift) }} and {{ add_months(sales_month_to(), -shift) }}
{%- endfor %}
)
{%- endmacro %}
