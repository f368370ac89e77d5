"""Teams and sales reps, with the staff events a sales review should see: hires who ramp up,
a rep who moves team, a rep who leaves."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipelines.demo.names import FIRST_NAMES, LAST_NAMES
from pipelines.demo.randomness import stream
from pipelines.demo.scales import Scale

REGIONS = ("North", "South", "East", "West")
# One team per region plus a national key-account team that serves enterprise customers.
TEAM_IDS = ("T01", "T02", "T03", "T04", "T05")
TEAM_NAMES = ("North", "South", "East", "West", "Key Accounts")
TEAM_MANAGERS = ("Helen Park", "Marcus Webb", "Aiko Sato", "Diego Ramos", "Sarah Klein")
TEAM_REGIONS = (*REGIONS, "National")
KEY_ACCOUNTS = 4  # index of the key-account team
NEVER = 10**6  # a month serial later than any generated month


@dataclass(frozen=True)
class Roster:
    rep_ids: tuple[str, ...]
    names: tuple[str, ...]
    home_team: np.ndarray  # team index at hire
    hire_month: np.ndarray  # month serial
    hire_day: np.ndarray  # datetime64[D]
    leave_month: np.ndarray  # first month the rep is inactive (NEVER if still active)
    move_month: np.ndarray  # first month in the new team (NEVER if the rep never moves)
    move_team: np.ndarray
    skill: np.ndarray  # relative selling strength

    def team_at(self, month: int) -> np.ndarray:
        return np.where(month >= self.move_month, self.move_team, self.home_team)

    def hired_by(self, month: int) -> np.ndarray:
        return self.hire_month <= month

    def active_at(self, month: int) -> np.ndarray:
        return self.hired_by(month) & (month < self.leave_month)

    def selling_weight(self, month: int) -> np.ndarray:
        """How much business a rep closes in a month: zero before hire and after leaving,
        ramping up over the first months after hire."""
        tenure = month - self.hire_month
        ramp = np.clip(0.3 + 0.12 * tenure, 0.0, 1.0)
        return np.where(self.active_at(month), self.skill * ramp, 0.0)


def build_roster(seed: int, scale: Scale, start: int, end: int) -> Roster:
    rng = stream(seed, "roster")
    home = [t for t in range(len(REGIONS)) for _ in range(scale.reps_per_region)]
    home += [KEY_ACCOUNTS] * scale.key_account_reps
    tenured = len(home)
    span = end - start + 1
    # Mid-period hires land at fixed fractions of the window so even a short window shows a ramp-up.
    hire_months = [start - int(m) for m in rng.integers(6, 72, tenured)]
    for fraction, team in ((0.25, 0), (0.5, 2), (0.7, KEY_ACCOUNTS)):
        home.append(team)
        hire_months.append(start + max(1, round(fraction * span)) if span > 1 else start)
    count = len(home)
    hire_month = np.array(hire_months, dtype=np.int64)
    day_offset = np.where(hire_month < start, rng.integers(0, 28, count), 0)
    hire_day = (
        np.array([np.datetime64(f"{m // 12:04d}-{m % 12 + 1:02d}-01") for m in hire_month], dtype="datetime64[D]")
        + day_offset
    )
    leave_month = np.full(count, NEVER, dtype=np.int64)
    move_month = np.full(count, NEVER, dtype=np.int64)
    move_team = np.array(home, dtype=np.int64)
    leaver = scale.reps_per_region + 1  # second South rep
    leave_month[leaver] = start + max(1, round(0.45 * span))
    mover = 3 * scale.reps_per_region  # first West rep is promoted to key accounts
    move_month[mover] = start + max(1, round(0.6 * span))
    move_team[mover] = KEY_ACCOUNTS
    names = tuple(
        f"{FIRST_NAMES[(7 * i + 3) % len(FIRST_NAMES)]} {LAST_NAMES[(11 * i + 5) % len(LAST_NAMES)]}"
        for i in range(count)
    )
    return Roster(
        rep_ids=tuple(f"R{i + 1:03d}" for i in range(count)),
        names=names,
        home_team=np.array(home, dtype=np.int64),
        hire_month=hire_month,
        hire_day=hire_day,
        leave_month=leave_month,
        move_month=move_month,
        move_team=move_team,
        skill=rng.lognormal(0.0, 0.3, count),
    )
