"""Follow a `dagster asset materialize` log on the terminal: messages and step timings, not events.

    dagster asset materialize ... 2>&1 | python -m pipelines.run_progress run.log

Every line goes to the log file; the terminal gets the runs' messages (months staged, dbt nodes done,
reports written, warnings, errors) and each step's end with its duration, so a long backfill is seen
to move and its stages' costs are read off at the end.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# "<date> <time> <tz> - dagster - <LEVEL> - <where> - ...": Dagster's console log format.
LOG_LINE = re.compile(r"^\S+ (?P<time>\S+) \S+ - dagster - (?P<level>[A-Z]+) - (?P<rest>.*)$")
STEP_END = re.compile(r'^Finished execution of step "[^"]+" in (?P<duration>.+?)\.?$')
RUN_ENDS = {"RUN_SUCCESS": "run succeeded", "RUN_FAILURE": "run FAILED"}


def shown(line: str) -> str | None:
    """The terminal's line for one line of Dagster's console log, if it shows one."""
    match = LOG_LINE.match(line.rstrip("\n"))
    if match is None:
        return None
    text = _shown(match["level"], match["rest"].split(" - "))
    return None if text is None else f"[{match['time']}] {text}"


def _shown(level: str, fields: list[str]) -> str | None:
    # "resource:<name> - <run id> - <message>"
    if fields[0].startswith("resource:") and len(fields) >= 3:
        return _message(level, fields[0], fields[2:])
    if len(fields) < 4:
        return None
    # Events: "<job> - <run id> - <pid> - [<step> - ]<EVENT> - <message>".
    if fields[2].isdigit():
        return _event(fields[3:])
    # Messages: "<job> - <run id> - <step> - <message>".
    return _message(level, fields[2], fields[3:])


def _message(level: str, where: str, message: list[str]) -> str:
    prefix = "" if level == "INFO" else f"{level} "
    return f"{prefix}{where}: {' - '.join(message)}"


def _event(fields: list[str]) -> str | None:
    if fields[0] in RUN_ENDS:
        return RUN_ENDS[fields[0]]
    if len(fields) < 3:
        return None
    step, event, message = fields[0], fields[1], " - ".join(fields[2:])
    if event == "STEP_SUCCESS" and (end := STEP_END.match(message)):
        return f"{step} done in {end['duration']}"
    if event == "STEP_FAILURE":
        return f"{step} FAILED: {message}"
    return None


def main(log_path: str) -> None:
    with Path(log_path).open("w", encoding="utf-8") as log:
        for line in sys.stdin:
            log.write(line)
            log.flush()
            if (text := shown(line)) is not None:
                print(text, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
