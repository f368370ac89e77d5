{#- Thresholds the marts share with the report, defined once in the rules file
    (pipelines/report/rules.toml [attainment], SALES_RULES_FILE) and passed in
    as dbt vars on every invocation: the pipeline passes them itself, and the
    make targets and tests that call dbt pass `python -m pipelines.dbt_vars`.
    No default here, so a build that forgets them fails instead of using a
    second copy of the numbers. -#}

{#- Revenue attainment below which a rep counts as lagging. -#}
{% macro lagging_attainment() -%}
    {{ var('lagging_attainment') | float }}
{%- endmacro %}

{#- Reps hired fewer than this many months before M are new hires. -#}
{% macro new_hire_months() -%}
    {{ var('new_hire_months') | int }}
{%- endmacro %}
