{#- Currencies (metrics.md "Currency"). The reporting currency comes from
    SALES_REPORTING_CURRENCY as the dbt var reporting_currency and the meaning
    of a month rate from SALES_FX_MONTH_RATE as fx_month_rate, which the
    pipeline and `python -m pipelines.transform.vars` pass. No defaults here,
    as for the fiscal year: a build that forgets them fails. -#}
{% macro reporting_currency() -%}
    {%- set code = var('reporting_currency') | string -%}
    {%- if execute and not modules.re.fullmatch('[A-Z]{3}', code) -%}
        {{ exceptions.raise_compiler_error('reporting_currency must be an ISO 4217 code, got ' ~ code) }}
    {%- endif -%}
    '{{ code }}'
{%- endmacro %}

{% macro fx_month_rate() -%}
    {%- set meaning = var('fx_month_rate') | string -%}
    {%- if execute and meaning not in ('average', 'month_end') -%}
        {{ exceptions.raise_compiler_error('fx_month_rate must be average or month_end, got ' ~ meaning) }}
    {%- endif -%}
    {{ meaning }}
{%- endmacro %}

{#- The rate from `currency` to the reporting currency, `rate` being the one
    looked up for it: exactly 1 for the reporting currency itself. -#}
{% macro to_reporting_rate(currency, rate) -%}
    case when {{ currency }} = {{ reporting_currency() }} then cast(1 as decimal(18, 10)) else {{ rate }} end
{%- endmacro %}

{#- An amount converted to the reporting currency, exact to 10 decimals: the
    marts round once, to the cent, at the end. The amount is cast to
    DECIMAL(24, 10) first: wide enough that DuckDB does not multiply two
    DECIMAL(18)s in 64 bits (it overflows), narrow enough that Spark keeps 15
    decimals of the product (it cuts a product wider than 38 digits to 6). -#}
{% macro converted(amount, rate) -%}
    cast(cast({{ amount }} as decimal(24, 10)) * ({{ rate }}) as decimal(38, 10))
{%- endmacro %}

{#- The sum of `value` over the rows where `condition` holds; null when one of
    them is null: a constant-currency amount lacking its comparison month's
    rate makes the whole sum unknown, never a partial one. -#}
{% macro sum_unless_missing(value, condition='true') -%}
    case
        when count(case when {{ condition }} and {{ value }} is null then 1 end) > 0 then null
        else coalesce(sum(case when {{ condition }} then {{ value }} end), 0)
    end
{%- endmacro %}

{#- A target in the reporting currency: a revenue target converted at `rate`
    and kept to the 4 decimals targets are given with (so attainment ratios
    divide the same types on DuckDB and Spark); other metrics are counts or
    fractions and stay as given. `target` is the alias of a targets row. -#}
{% macro target_in_reporting_currency(target, rate) -%}
    case
        when {{ target }}.metric = 'revenue'
            then cast({{ converted(target ~ '.target_value', to_reporting_rate(target ~ '.currency', rate)) }}
            as decimal(18, 4))
        else {{ target }}.target_value
    end
{%- endmacro %}
