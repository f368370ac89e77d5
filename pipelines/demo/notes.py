"""The sales manager's quarterly commentary (notes.md), written from what the month's data shows."""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.demo.months import calendar_month, month_label
from pipelines.demo.randomness import stream


@dataclass(frozen=True)
class NotesFacts:
    month: int
    revenue: float  # currency units
    previous_revenue: float | None
    online_share: float
    joined: tuple[str, ...]  # reps hired in the last three months
    moved: tuple[str, ...]  # "name (team)" of reps who changed team in the last three months
    left: tuple[str, ...]
    best_campaign: str | None
    worst_campaign: str | None  # the campaign with the lowest return, when it lost money


def has_notes(month: int, fiscal_year_start_month: int = 1) -> bool:
    """Managers write at each (fiscal) quarter's end."""
    return (calendar_month(month) - fiscal_year_start_month) % 3 == 2


def render_notes(facts: NotesFacts, seed: int) -> str:
    rng = stream(seed, "notes", facts.month)
    label = month_label(facts.month)
    sections = [
        f"# Sales notes {label}",
        "## Strategy\n\n" + " ".join(_strategy(facts, rng)),
        "## Team\n\n" + " ".join(_team(facts, rng)),
        "## Actions\n\n" + "\n".join(f"- {action}" for action in _actions(facts, rng)),
    ]
    return "\n\n".join(sections) + "\n"


def _pick(rng, options: tuple[str, ...]) -> str:
    return options[int(rng.integers(len(options)))]


def _strategy(facts: NotesFacts, rng) -> list[str]:
    lines = []
    if facts.previous_revenue:
        change = facts.revenue / facts.previous_revenue - 1
        direction = "up" if change >= 0 else "down"
        lines.append(
            _pick(
                rng,
                (
                    f"Revenue closed at {facts.revenue:,.0f}, {direction} {abs(change):.1%} on the previous month.",
                    f"We booked {facts.revenue:,.0f} in revenue this month ({change:+.1%} month on month).",
                ),
            )
        )
    lines.append(
        _pick(
            rng,
            (
                f"Online is now {facts.online_share:.0%} of revenue and keeps gaining on the stores.",
                f"The shift to online continues ({facts.online_share:.0%} of revenue); offline needs a clear role.",
            ),
        )
    )
    if calendar_month(facts.month) == 9:
        lines.append("Q4 is our peak: stock and staffing plans for November and December are confirmed.")
    if calendar_month(facts.month) == 12:
        lines.append("Year-end demand was strong, as every year; January will be quieter.")
    if calendar_month(facts.month) == 3:
        lines.append('Accessories margins are thin (< 20 % & falling) - no more "free shipping" deals there.')
    return lines


def _team(facts: NotesFacts, rng) -> list[str]:
    lines = []
    if facts.joined:
        lines.append(f"Welcome to {', '.join(facts.joined)}; ramp-up plans are in place for their first months.")
    if facts.moved:
        lines.append(f"{', '.join(facts.moved)} moved team to strengthen enterprise coverage.")
    if facts.left:
        lines.append(f"{', '.join(facts.left)} left the company; their accounts were reassigned.")
    if not lines:
        lines.append(
            _pick(
                rng,
                (
                    "No changes in the team this quarter.",
                    "The team is stable; focus is on coaching the newer reps.",
                ),
            )
        )
    if calendar_month(facts.month) == 6:
        lines.append("华东区团队本季度表现稳定，新同事成长很快。")
    return lines


def _actions(facts: NotesFacts, rng) -> list[str]:
    actions = []
    if facts.worst_campaign:
        actions.append(f"Stop or rework {facts.worst_campaign}: it cost more than it brought in.")
    if facts.best_campaign:
        actions.append(f"Repeat the format of {facts.best_campaign} next quarter.")
    pool = (
        "Call every customer who has not ordered for three months.",
        "Review discount levels with the key-account team.",
        "Clean up stale opportunities older than 90 days.",
        "Run a win-back email for lapsed small-business customers.",
        "Pair new reps with a senior colleague for their first customer visits.",
    )
    first = int(rng.integers(len(pool)))
    actions += [pool[first], pool[(first + 2) % len(pool)]]
    return actions
