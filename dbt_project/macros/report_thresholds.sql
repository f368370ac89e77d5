{#- Thresholds of the report's rules, as dbt vars; the defaults equal the packaged
    pipelines/report/rules.toml, so a bare `dbt build` gives the same marts. -#}

{#- Revenue attainment below which a rep counts as lagging (rules.toml [attainment]). -#}
{% macro lagging_attainment() -%}
    {{ var('lagging_attainment', 0.8) | float }}
{%- endmacro %}

{#- Reps hired fewer than this many months before M are new hires (rules.toml [ramp]). -#}
{% macro new_hire_months() -%}
    {{ var('new_hire_months', 6) | int }}
{%- endmacro %}
