"""The Spark session's configuration, shared by dbt-spark (`method: session`) and the pipeline's own
Spark code, so both open the same lake and metastore.

pyspark starts one JVM per process and dbt-spark takes the active session (getOrCreate): whoever
starts it first must pass these settings, as static ones (warehouse, metastore) cannot change later.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.settings import SparkSettings

if TYPE_CHECKING:
    from pyspark.sql import SparkSession


def spark_conf(spark: SparkSettings) -> dict[str, str]:
    conf = {
        "spark.master": spark.master,
        "spark.app.name": "sales-monthly",
        # Without these the driver looks its own name up in DNS, which hangs offline.
        "spark.driver.host": "127.0.0.1",
        "spark.driver.bindAddress": "127.0.0.1",
        "spark.ui.enabled": "false",
        # dbt reports each node; Spark's progress bars would interleave with it.
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.warehouse.dir": spark.warehouse,
        "spark.sql.session.timeZone": "UTC",
        # A month of a few thousand rows: Spark's default of 200 shuffle tasks is nearly all overhead.
        "spark.sql.shuffle.partitions": str(spark.shuffle_partitions),
        # Partitioned writes replace only the partitions they write.
        "spark.sql.sources.partitionOverwriteMode": "dynamic",
        # Hive's session folders go beside the lake, not into the working directory.
        "spark.hadoop.hive.downloaded.resources.dir": f"{spark.scratch}/hive-resources",
        "spark.hadoop.hive.exec.scratchdir": f"{spark.scratch}/hive-scratch",
        "spark.driver.extraJavaOptions": f"-Dderby.system.home={spark.scratch}",
    }
    if spark.metastore.startswith("thrift://"):
        conf["spark.hadoop.hive.metastore.uris"] = spark.metastore
    else:
        # An embedded Derby metastore in a local folder: one process at a time.
        conf["spark.hadoop.javax.jdo.option.ConnectionURL"] = f"jdbc:derby:;databaseName={spark.metastore};create=true"
    return conf


def spark_session(spark: SparkSettings) -> SparkSession:
    """This process's session, started with the project's configuration if none runs yet."""
    from pyspark.sql import SparkSession

    Path(spark.scratch).mkdir(parents=True, exist_ok=True)
    builder = SparkSession.builder.enableHiveSupport()
    for key, value in spark_conf(spark).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()
