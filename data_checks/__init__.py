"""Content checks of the month extracts of a run, as great-expectations suites built from the contract.

`suites.build_suite` turns an `Entity` of `pipelines.contract` into an ExpectationSuite for a run's
months; `runner.validate_months` runs it once over the staged rows of all those months, on GX's
SQL engine inside DuckDB (`connection`, `context`), and returns `RuleOutcome`s per month;
`volume.volume_outcome` compares a month's row count with the previous months.
GX is imported lazily (it takes seconds), so importing this package is cheap.
"""
