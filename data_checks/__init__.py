"""Content checks of one month's extract, as great-expectations suites built from the contract.

`suites.build_suite` turns an `Entity` of `pipelines.contract` into an ExpectationSuite,
`runner.validate_month` runs it on a small pandas frame and returns `RuleOutcome`s,
`volume.volume_outcome` compares a month's row count with the previous months.
GX is imported lazily (it takes seconds), so importing this package is cheap.
"""
