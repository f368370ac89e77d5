"""Print the dbt vars of the configured rules file, for dbt commands run by hand or by make:

dbt build --vars "$(python -m pipelines.transform.vars)"
"""

from pipelines.settings import Settings
from pipelines.transform.window import dbt_vars_args

if __name__ == "__main__":
    print(dbt_vars_args(Settings.from_env().rules)[1])
