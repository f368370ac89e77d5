{#- The months a run builds ('YYYY-MM', inclusive) come from the vars
    sales_month_from / sales_month_to, which the pipeline passes to a
    manifest it parsed once, or else from SALES_MONTH_FROM / SALES_MONTH_TO,
    which keep partial parsing for dbt run by hand. Unset bounds fall back to
    the first / last loaded month, so a plain `dbt build` rebuilds everything.
    `months_back` widens the lower bound for models that compare with earlier
    months (M-1, M-12, the customer window) without rebuilding them. -#}

{% macro sales_month_from(months_back=0) -%}
    {{ add_months(sales_window_bound('SALES_MONTH_FROM', 'min'), -(months_back | int)) }}
{%- endmacro %}

{% macro sales_month_to() -%}
    {{ sales_window_bound('SALES_MONTH_TO', 'max') }}
{%- endmacro %}

{#- `column` lies in the window, widened by `months_back` months before it. -#}
{% macro in_sales_window(column, months_back=0) -%}
    {{ column }} between {{ sales_month_from(months_back) }} and {{ sales_month_to() }}
{%- endmacro %}

{% macro sales_window_bound(env_name, aggregate) -%}
    {#- ref() is called even when the env var is set so the dependency on the
        loaded-months model does not change with the window. -#}
    {%- set loaded_months = ref('int_sales__loaded_months') -%}
    {%- set month_text = sales_window_text(env_name) -%}
    {%- if month_text -%}
        cast('{{ validated_month_text(month_text, env_name) }}-01' as date)
    {%- else -%}
        (select {{ aggregate }}(month) from {{ loaded_months }})
    {%- endif -%}
{%- endmacro %}

{#- The var named like the env var, in lower case, wins over the env var. -#}
{% macro sales_window_text(env_name) -%}
    {{ return(var(env_name | lower, env_var(env_name, ''))) }}
{%- endmacro %}

{#- Accepts exactly what MONTH_KEY in pipelines/months.py accepts (checked by
    tests/test_month_macro_agreement.py): ASCII digits only, as str.isdigit()
    also takes other scripts' digits, and nothing around the key, so ' 2026-01'
    or a trailing newline fails here as it fails in Python. -#}
{% macro validated_month_text(month_text, env_name) -%}
    {%- set well_formed = month_text | length == 7
        and month_text[4] == '-'
        and (month_text[:4] ~ month_text[5:]) | reject('in', '0123456789') | list | length == 0
        and 1 <= month_text[5:] | int <= 12 -%}
    {%- if not well_formed -%}
        {{ exceptions.raise_compiler_error(
            env_name ~ " must be a month 'YYYY-MM', got '" ~ month_text ~ "'") }}
    {%- endif -%}
    {{ month_text }}
{%- endmacro %}

{#- The window for data tests: `column` in the run's window,
    widened by `months_back` / `months_forward` for tests that compare a
    month with its neighbours. Unlike in_sales_window an unset bound is open
    (a run without a window tests whole tables), and rows without a month
    belong to every window, so not_null on the month column still fails on
    them. Rendered only at execution: reading the env vars while parsing would
    re-parse every test whenever the window changes. -#}
{% macro sales_window_test_filter(column, months_back=0, months_forward=0) -%}
    {%- set bounds = [] -%}
    {%- for env_name, operator, shift in [
        ('SALES_MONTH_FROM', '>=', -(months_back | int)),
        ('SALES_MONTH_TO', '<=', months_forward | int),
    ] -%}
        {%- set month_text = sales_window_text(env_name) if execute else '' -%}
        {%- if month_text -%}
            {%- set month = "cast('" ~ validated_month_text(month_text, env_name) ~ "-01' as date)" -%}
            {%- do bounds.append(column ~ ' ' ~ operator ~ ' ' ~ add_months(month, shift) | trim) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if bounds -%}
        ({{ bounds | join(' and ') }} or {{ column }} is null)
    {%- else -%}
        1 = 1
    {%- endif -%}
{%- endmacro %}
