{#- Shared metric arithmetic, so every mart rounds and compares the same way. -#}

{#- Money shown to people: rounded to cents once, at the end, still decimal. -#}
{% macro money(expr) -%}
    cast(round({{ expr }}, 2) as decimal(18, 2))
{%- endmacro %}

{#- A quotient of decimals kept decimal: DuckDB divides decimals into a double,
    so the quotient is pinned to nine decimals before anyone rounds it (an
    average order value of 90.375 must round to 90.38). Null when the
    denominator is 0. -#}
{% macro decimal_ratio(numerator, denominator) -%}
    cast(({{ numerator }}) / nullif({{ denominator }}, 0) as decimal(38, 9))
{%- endmacro %}

{#- Change against a base as a fraction; null when the base is 0 or missing
    (metrics.md: a pct is never 0 % by accident). -#}
{% macro pct_change(current, base) -%}
    cast(round(({{ current }} - {{ base }}) / nullif({{ base }}, 0), 6) as decimal(18, 6))
{%- endmacro %}

{#- A share or rate as a fraction with six decimals; null when the denominator is 0. -#}
{% macro ratio(numerator, denominator) -%}
    cast(round(({{ numerator }}) / nullif({{ denominator }}, 0), 6) as decimal(18, 6))
{%- endmacro %}

{#- Months M-W .. M-1 form a customer's base; W is the `customer_window_months` var. -#}
{% macro customer_window_months() -%}
    {%- set months = var('customer_window_months', 3) | int -%}
    {%- if months < 1 -%}
        {{ exceptions.raise_compiler_error('customer_window_months must be >= 1') }}
    {%- endif -%}
    {{ months }}
{%- endmacro %}
