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

{#- The mean of a decimal column (nulls left out), kept decimal as decimal_ratio keeps it: avg()
    gives a double on DuckDB and a decimal on Spark, which round differently. -#}
{% macro decimal_mean(expr) -%}
    {{ decimal_ratio('sum(' ~ expr ~ ')', 'count(' ~ expr ~ ')') }}
{%- endmacro %}

{#- The median as a decimal(precision, scale): the mean of the two middle values (the middle one when
    their count is odd), rounded half up, the same on every engine. percentile_cont interpolates
    in the input's decimal type on DuckDB (truncating) and in double on Spark, and Spark's
    percentile_disc returns a double: each middle value is cast back to a decimal of `scale`
    places, exact for inputs with no more decimals than that. -#}
{% macro decimal_median(expr, precision, scale) -%}
    cast(round((
        cast(percentile_disc(0.5) within group (order by {{ expr }}) as decimal({{ precision }}, {{ scale }}))
        + cast(percentile_disc(0.5) within group (order by {{ expr }} desc) as decimal({{ precision }}, {{ scale }}))
    ) * 0.5, {{ scale }}) as decimal({{ precision }}, {{ scale }}))
{%- endmacro %}
