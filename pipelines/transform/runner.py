"""dbt run inside the Dagster process, on a manifest parsed once per process and warehouse.

dagster-dbt starts dbt as a subprocess for every invocation: a Python start-up, dbt's imports and
a partial parse before the first node, ~3.5 s of a small month's run on this machine. Here dbt's
own runner builds on a parsed manifest, and its result events become Dagster events through
dagster-dbt's own translation, so assets, checks and their metadata are the same as before.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
import yaml
from dagster_dbt import DbtProject
from dagster_dbt.asset_utils import get_manifest_and_translator_from_dbt_assets, get_subset_selection_for_context
from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage
from dbt.adapters.duckdb.connections import DuckDBConnectionManager
from dbt.cli.main import dbtRunner, dbtRunnerResult
from dbt.contracts.graph.manifest import Manifest
from dbt_common.events.base_types import EventMsg
from dbt_common.events.functions import msg_to_dict

PROFILE_NAME = "sales_monthly"
# The events dagster-dbt turns into outputs and check results (DbtCoreCliEventMessage.is_result_event).
RESULT_EVENTS = frozenset({"LogModelResult", "LogTestResult", "LogSeedResult", "LogSnapshotResult"})
QUIET_FLAGS = ("--no-use-colors", "--no-send-anonymous-usage-stats", "--no-version-check")
FAILING_ROWS_SHOWN = 10
_DONE = object()

DagsterEvent = dg.Output | dg.AssetCheckResult | dg.AssetObservation


@dataclass
class InProcessDbt:
    """The dbt resource: `build` runs dbt in this process and streams Dagster events."""

    project: DbtProject
    _manifests: dict[Path, Manifest] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def build(
        self,
        context: dg.AssetExecutionContext,
        args: Sequence[str],
        *,
        duckdb_path: Path,
        memory_limit: str,
        target_path: Path,
        parse_vars: dict[str, Any],
        run_vars: dict[str, Any],
    ) -> Iterator[DagsterEvent]:
        """`dbt <args>` for the selected assets; raises dg.Failure when a node errs or a test fails.

        `parse_vars` must be the same on every run (they are part of the parse); `run_vars` may
        change freely: dbt renders them when it compiles each node. Failed checks come last, with
        their first failing rows, read once dbt has let go of the warehouse.
        """
        flags = self._flags(duckdb_path, memory_limit, target_path)
        manifest = self._manifest(flags, target_path, parse_vars)
        manifest_json, translator, project = get_manifest_and_translator_from_dbt_assets([context.assets_def])
        selection, indirect = get_subset_selection_for_context(
            context=context,
            manifest=manifest_json,
            select=None,
            exclude=None,
            selector=None,
            dagster_dbt_translator=translator,
            current_dbt_indirect_selection_env=None,
        )
        command = [
            *args,
            *selection,
            *(["--indirect-selection", indirect] if indirect else []),
            *flags,
            "--vars",
            json.dumps({**parse_vars, **run_vars}, sort_keys=True),
        ]
        failed: list[tuple[str, dg.AssetCheckResult]] = []
        events = _dbt_events(manifest, command)
        progress = NodeProgress(context.log.info)
        while True:
            try:
                raw_event = next(events)
            except StopIteration as finished:
                result: dbtRunnerResult = finished.value
                break
            progress.node_done(raw_event["data"])
            message = DbtCoreCliEventMessage(raw_event=raw_event, event_history_metadata={})
            for event in message.to_default_asset_events(
                manifest=manifest_json, dagster_dbt_translator=translator, context=context, project=project
            ):
                if isinstance(event, dg.AssetCheckResult) and not event.passed:
                    failed.append((raw_event["data"]["node_info"]["unique_id"], event))
                else:
                    yield event
        samples = failing_rows(duckdb_path, result, [unique_id for unique_id, _ in failed])
        for unique_id, check in failed:
            yield check.with_metadata({**check.metadata, **samples.get(unique_id, {})})
        if not result.success:
            raise dg.Failure(f"dbt {args[0]} failed", metadata={"failed nodes": _failures(result)})

    def _flags(self, duckdb_path: Path, memory_limit: str, target_path: Path) -> list[str]:
        profiles_dir = write_profile(Path(self.project.profiles_dir), duckdb_path, memory_limit, target_path)
        return [
            "--project-dir",
            str(self.project.project_dir),
            "--profiles-dir",
            str(profiles_dir),
            "--target-path",
            str(target_path),
            # One log per warehouse, beside its artifacts: installations do not write into each other's.
            "--log-path",
            str(target_path),
            *QUIET_FLAGS,
        ]

    def _manifest(self, flags: list[str], target_path: Path, parse_vars: dict[str, Any]) -> Manifest:
        """Parsed on the first run of this process (a partial parse when the target path keeps one)."""
        with self._lock:
            if target_path not in self._manifests:
                parse_args = ["parse", "--quiet", *flags, "--vars", json.dumps(parse_vars, sort_keys=True)]
                result = dbtRunner().invoke(parse_args)
                if not result.success:
                    raise dg.Failure(f"dbt could not parse the project: {result.exception}")
                self._manifests[target_path] = result.result
            return self._manifests[target_path]


class NodeProgress:
    """Says "dbt: 14 of 132 nodes done" each time another tenth of the run's nodes has finished."""

    STEPS = 10

    def __init__(self, say: Callable[[str], None]):
        self._say = say
        self._done = 0
        self._said = 0

    def node_done(self, result: dict[str, Any]) -> None:
        # A model's result event carries the run's node count as `total`, a test's as `num_models`.
        total = result.get("total") or result.get("num_models")
        self._done += 1
        if not total:
            return
        step = self._done * self.STEPS // total
        if step > self._said:
            self._said = step
            self._say(f"dbt: {self._done} of {total} nodes done")


def write_profile(project_profiles_dir: Path, duckdb_path: Path, memory_limit: str, target_path: Path) -> Path:
    """The project's profiles.yml with this warehouse's path and memory cap written in.

    dbt reads a profile's env vars from the process environment, which the pipeline never writes
    after load; a profile per warehouse, beside its target path, carries the values instead.
    """
    profile = yaml.safe_load((project_profiles_dir / "profiles.yml").read_text(encoding="utf-8"))
    output = profile[PROFILE_NAME]["outputs"][profile[PROFILE_NAME]["target"]]
    output["path"] = str(duckdb_path)
    output["settings"]["memory_limit"] = memory_limit
    profiles_dir = target_path / "profile"
    profiles_dir.mkdir(parents=True, exist_ok=True)
    (profiles_dir / "profiles.yml").write_text(yaml.safe_dump(profile, sort_keys=False), encoding="utf-8")
    return profiles_dir


def _dbt_events(manifest: Manifest, command: list[str]) -> Generator[dict[str, Any], None, dbtRunnerResult]:
    """dbt's result events as they happen, from a worker thread; returns dbt's result.

    If the consumer stops early, dbt still finishes before this returns: the warehouse must not be
    written by a thread the run no longer waits for.
    """
    events: queue.Queue = queue.Queue()
    outcome: list[dbtRunnerResult | BaseException] = []

    def forward(message: EventMsg) -> None:
        if message.info.name in RESULT_EVENTS:
            events.put(msg_to_dict(message))

    def invoke() -> None:
        try:
            outcome.append(dbtRunner(manifest=manifest, callbacks=[forward]).invoke(command))
        except BaseException as error:  # raised again in the consumer's thread
            outcome.append(error)
        finally:
            release_warehouse()
            events.put(_DONE)

    worker = threading.Thread(target=invoke, name="dbt", daemon=True)
    worker.start()
    try:
        while (event := events.get()) is not _DONE:
            yield event
    finally:
        worker.join()
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def failing_rows(
    duckdb_path: Path, result: dbtRunnerResult, unique_ids: list[str]
) -> dict[str, dict[str, dg.MetadataValue]]:
    """The first rows each failed test returns, from its compiled query, as a Markdown table."""
    if not unique_ids or result.result is None:
        return {}
    compiled = {r.node.unique_id: r.node.compiled_code for r in result.result.results}
    samples = {}
    with duckdb.connect(str(duckdb_path), read_only=True) as con:
        for unique_id in unique_ids:
            cursor = con.execute(f"select * from ({compiled[unique_id]}) limit {FAILING_ROWS_SHOWN}")
            columns = [c[0] for c in cursor.description]
            lines = [columns, ["---"] * len(columns), *[[str(v) for v in row] for row in cursor.fetchall()]]
            samples[unique_id] = {
                "failing rows": dg.MetadataValue.md("\n".join("| " + " | ".join(line) + " |" for line in lines))
            }
    return samples


def _failures(result: dbtRunnerResult) -> str:
    if result.exception is not None:
        return str(result.exception)
    failed = [r for r in result.result.results if r.status in ("error", "fail", "runtime error")]
    return "\n".join(f"{r.node.name}: {r.message}" for r in failed)


def release_warehouse() -> None:
    """Close the DuckDB database dbt-duckdb keeps open in this process after a command.

    Otherwise the file stays open with dbt's settings, and the run's next step cannot open it
    read-only or with other settings ("different configuration than existing connections").
    """
    with DuckDBConnectionManager._LOCK:
        environment = DuckDBConnectionManager._ENV
        if environment is not None:
            environment.close()
        DuckDBConnectionManager.close_all_connections()
