"""SALES_ENGINE and Spark's connection settings, and the session configuration made from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.settings import SettingsError
from pipelines.spark.session import spark_conf
from tests.settings_for import settings_for


def test_duckdb_and_local_spark_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    settings = settings_for()
    assert settings.engine == "duckdb"
    assert settings.spark.master == "local[*]"
    assert settings.spark.warehouse == str(tmp_path / "data" / "lake")
    assert settings.spark.metastore == str(tmp_path / "data" / "spark-metastore")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SALES_ENGINE": "snowflake"}, "SALES_ENGINE must be one of"),
        ({"SALES_SPARK_SHUFFLE_PARTITIONS": "0"}, "SALES_SPARK_SHUFFLE_PARTITIONS"),
        ({"SALES_SPARK_SHUFFLE_PARTITIONS": "four"}, "SALES_SPARK_SHUFFLE_PARTITIONS"),
    ],
)
def test_bad_engine_settings_are_refused(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        settings_for(**env)


def test_a_cluster_keeps_its_urls_and_names_its_metastore() -> None:
    settings = settings_for(
        SALES_ENGINE="Spark",
        SALES_SPARK_MASTER="spark://head:7077",
        SALES_SPARK_WAREHOUSE="s3a://lake/sales",
        SALES_SPARK_METASTORE="thrift://metastore:9083",
    )
    conf = spark_conf(settings.spark)
    assert settings.engine == "spark"
    assert conf["spark.master"] == "spark://head:7077"
    assert conf["spark.sql.warehouse.dir"] == "s3a://lake/sales"
    assert conf["spark.hadoop.hive.metastore.uris"] == "thrift://metastore:9083"
    assert "spark.hadoop.javax.jdo.option.ConnectionURL" not in conf


def test_a_local_metastore_is_an_embedded_derby_folder(tmp_path: Path) -> None:
    conf = spark_conf(settings_for(SALES_SPARK_METASTORE=str(tmp_path / "ms")).spark)
    derby = f"jdbc:derby:;databaseName={tmp_path / 'ms'};create=true"
    assert conf["spark.hadoop.javax.jdo.option.ConnectionURL"] == derby
    assert "spark.hadoop.hive.metastore.uris" not in conf
    # Offline, the driver must not look its own name up.
    assert conf["spark.driver.host"] == conf["spark.driver.bindAddress"] == "127.0.0.1"
