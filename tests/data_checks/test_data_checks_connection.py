"""GX's SQL engine reads the caller's temp tables through the borrowed connection and leaves its transaction alone."""

from __future__ import annotations

import duckdb

from data_checks.context import table_batch_definition
from data_checks.gx_import import great_expectations


def test_gx_reads_temp_tables_inside_the_callers_open_transaction():
    gxe = great_expectations().expectations
    suite = great_expectations().ExpectationSuite(
        name="borrowed", expectations=[gxe.ExpectColumnValuesToBeBetween(column="n", min_value=1)]
    )
    with duckdb.connect() as con:
        con.execute("create temp table t as select range as n, range + 2 as source_line from range(5)")
        con.execute("begin transaction")
        con.execute("insert into t values (7, 9)")
        with table_batch_definition(con, "t") as batch_definition:
            [result] = (
                batch_definition.get_batch()
                .validate(
                    suite, result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["source_line"]}
                )
                .results
            )
        # The real counts: before the fix, GX rolled back and lost every result ("list index out of range").
        assert (result.success, result.result["unexpected_count"], result.result["element_count"]) == (False, 1, 6)
        assert result.result["unexpected_index_list"] == [{"source_line": 2, "n": 0}]
        # GX's connection handling neither committed nor ended the caller's transaction, nor closed it.
        con.execute("rollback")
        assert con.execute("select count(*), max(n) from t").fetchone() == (5, 4)
