"""Print the dbt vars of the configured rules file and model settings (fiscal year, currency), for dbt
commands run by hand or by make:

dbt build --vars "$(python -m pipelines.transform.vars)"
"""

from pipelines.settings import Settings
from pipelines.transform.window import dbt_vars_args

if __name__ == "__main__":
    settings = Settings.from_env()
    print(dbt_vars_args(settings.rules, model_vars=settings.model_vars)[1])
