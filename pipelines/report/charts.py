"""The HTML report's charts: matplotlib figures as inline SVG strings.

Text stays text (svg.fonttype none) and names the CJK font so Chinese labels
render; a fixed hash salt per chart keeps the output identical between runs, and
ids are prefixed with the chart's name so several SVGs can share one page.
Labels arrive translated from the templates.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import StrMethodFormatter  # noqa: E402

from pipelines.report.model import (  # noqa: E402
    BridgeStep,
    CampaignRow,
    ChannelRow,
    CustomerFlowPoint,
    RepRow,
    TeamRow,
    TrendPoint,
)

STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": ["Noto Sans CJK SC", "DejaVu Sans"],
    "svg.fonttype": "none",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.unicode_minus": False,
    "font.size": 9,
}
_ID_REFERENCE = re.compile(r'(\bid="|url\(#|href="#)')
CURRENT, PREVIOUS, GOOD, BAD, NEUTRAL = "#1f5fa8", "#9aa5b1", "#2e8540", "#c0392b", "#e0a100"
# Whole amounts with thousand separators: matplotlib's default puts a "1e6" offset above
# the axis, which a reader of a sales report takes for a typo.
AMOUNT_TICKS = StrMethodFormatter("{x:,.0f}")


def _plain(text: object) -> str:
    """A data string as literal chart text: `$` would otherwise start matplotlib mathtext."""
    return str(text).replace("$", r"\$")


def _svg(fig: plt.Figure, name: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # drop the XML prolog and DOCTYPE for inline use
    # matplotlib numbers ids per figure (figure_1, axes_1, ...): prefix them so the
    # charts sharing one page keep unique ids and their references still resolve.
    return _ID_REFERENCE.sub(lambda m: f"{m.group(1)}{name}-", text)


def _render(name: str, draw, height: float = 2.8) -> str:
    with plt.rc_context({**STYLE, "svg.hashsalt": name}):
        fig, ax = plt.subplots(figsize=(7, height))
        draw(ax)
        return _svg(fig, name)


def revenue_trend(points: Sequence[TrendPoint], labels: dict[str, str]) -> str | None:
    if all(p.revenue is None for p in points):
        return None

    def draw(ax):
        x = [p.month.strftime("%Y-%m") for p in points]
        ax.plot(x, [p.revenue for p in points], marker="o", color=CURRENT, label=labels["current"])
        ax.plot(x, [p.revenue_ly for p in points], linestyle="--", color=PREVIOUS, label=labels["last_year"])
        ax.set_title(labels["title"])
        ax.tick_params(axis="x", labelrotation=45)
        ax.yaxis.set_major_formatter(AMOUNT_TICKS)
        ax.legend(frameon=False)

    return _render("revenue_trend", draw)


def channel_revenue(channels: Sequence[ChannelRow], labels: dict) -> str | None:
    """labels["names"] translates channel codes; an unknown code is shown as it is."""
    if not channels:
        return None
    names = labels["names"]

    def draw(ax):
        ax.bar(
            [_plain(names.get(c.channel, c.channel)) for c in channels],
            [c.revenue or 0 for c in channels],
            color=CURRENT,
        )
        ax.set_title(labels["title"])
        ax.yaxis.set_major_formatter(AMOUNT_TICKS)

    return _render("channel_revenue", draw)


def customer_flow(points: Sequence[CustomerFlowPoint], labels: dict[str, str]) -> str | None:
    if all(p.new is None for p in points):
        return None

    def draw(ax):
        x = [p.month.strftime("%Y-%m") for p in points]
        new = [p.new or 0 for p in points]
        retained = [p.retained or 0 for p in points]
        reactivated = [p.reactivated or 0 for p in points]
        ax.bar(x, retained, color=CURRENT, label=labels["retained"])
        ax.bar(x, new, bottom=retained, color=GOOD, label=labels["new"])
        ax.bar(
            x,
            reactivated,
            bottom=[a + b for a, b in zip(retained, new, strict=True)],
            color=NEUTRAL,
            label=labels["reactivated"],
        )
        ax.bar(x, [-(p.churned or 0) for p in points], color=BAD, label=labels["churned"])
        ax.axhline(0, color="black", linewidth=0.6)
        ax.set_title(labels["title"])
        ax.tick_params(axis="x", labelrotation=45)
        # Headroom above the tallest bar for the one-row legend, which otherwise covers it.
        low, high = ax.get_ylim()
        ax.set_ylim(low, high + (high - low) * 0.2)
        ax.legend(frameon=False, ncols=4, fontsize=8, loc="upper left")

    return _render("customer_flow", draw, height=3.2)


def team_attainment(teams: Sequence[TeamRow], labels: dict[str, str], lagging: float) -> str | None:
    rows = [t for t in teams if t.revenue_attainment is not None]
    if not rows:
        return None

    def draw(ax):
        names = [_plain(t.team_name or t.team_id) for t in rows][::-1]
        values = [t.revenue_attainment * 100 for t in rows][::-1]
        # positions, not names, so two teams with the same name keep two bars
        ax.barh(
            range(len(values)),
            values,
            color=[GOOD if v >= 100 else BAD if v < lagging * 100 else NEUTRAL for v in values],
        )
        ax.set_yticks(range(len(names)), names)
        ax.axvline(100, color="black", linewidth=0.8, linestyle="--")
        ax.set_xlabel("%")
        ax.set_title(labels["title"])

    return _render("team_attainment", draw, height=0.5 + 0.35 * len(rows))


def campaign_roas(campaigns: Sequence[CampaignRow], labels: dict[str, str]) -> str | None:
    rows = [c for c in campaigns if c.roas is not None]
    if not rows:
        return None

    def draw(ax):
        names = [_plain(c.campaign_name or c.campaign_id) for c in rows][::-1]
        values = [c.roas for c in rows][::-1]
        ax.barh(range(len(values)), values, color=[GOOD if v >= 1 else BAD for v in values])
        ax.set_yticks(range(len(names)), names)
        ax.axvline(1, color="black", linewidth=0.8, linestyle="--")
        ax.set_title(labels["title"])

    return _render("campaign_roas", draw, height=0.5 + 0.35 * len(rows))


def rep_attainment_distribution(reps: Sequence[RepRow], labels: dict[str, str], lagging: float) -> str | None:
    values = [r.revenue_attainment * 100 for r in reps if r.revenue_attainment is not None]
    if not values:
        return None

    def draw(ax):
        top = max(150, int(max(values) // 10 + 1) * 10)
        ax.hist(values, bins=range(0, top + 10, 10), color=CURRENT, edgecolor="white")
        ax.axvline(lagging * 100, color=BAD, linewidth=0.8, linestyle="--")
        ax.axvline(100, color=GOOD, linewidth=0.8, linestyle="--")
        ax.set_xlabel(labels["x"])
        ax.set_ylabel(labels["y"])
        ax.set_title(labels["title"])

    return _render("rep_attainment", draw)


def target_bridge(steps: Sequence[BridgeStep], labels: dict[str, str]) -> str | None:
    """A waterfall from nothing to the company's shortfall: each part a floating bar (red adds to
    the shortfall, green makes up for it), the total a solid bar."""
    if not steps:
        return None

    def draw(ax):
        names = [_plain(s.team_name or s.team_id) if s.component == "team" else labels[s.component] for s in steps] + [
            labels["total"]
        ]
        bottoms, heights, level = [], [], 0.0
        for s in steps:
            amount = s.shortfall or 0.0
            bottoms.append(level if amount >= 0 else level + amount)
            heights.append(abs(amount))
            level += amount
        total = steps[0].company_shortfall or 0.0
        colors = [BAD if (s.shortfall or 0) > 0 else GOOD for s in steps] + [CURRENT]
        ax.bar(range(len(names)), heights + [abs(total)], bottom=bottoms + [min(total, 0)], color=colors)
        ax.set_xticks(range(len(names)), names)
        ax.tick_params(axis="x", labelrotation=30)
        ax.axhline(0, color="black", linewidth=0.6)
        ax.yaxis.set_major_formatter(AMOUNT_TICKS)
        ax.set_title(labels["title"])

    return _render("target_bridge", draw, height=3.2)


def sparkline(values: Sequence[float | None], name: str) -> str | None:
    """A small line of a KPI's last months for its card; None with fewer than two values."""
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(points) < 2:
        return None

    def draw(ax):
        ax.plot([i for i, _ in points], [v for _, v in points], color=CURRENT, linewidth=1.2)
        ax.plot([points[-1][0]], [points[-1][1]], marker="o", markersize=3, color=CURRENT)
        ax.set_axis_off()

    with plt.rc_context({**STYLE, "svg.hashsalt": name}):
        fig, ax = plt.subplots(figsize=(1.6, 0.4))
        draw(ax)
        return _svg(fig, name)


def build_charts(model, labels: dict[str, dict[str, str]]) -> dict[str, str | None]:
    """Every chart of the HTML report, keyed by name; None where there is no data."""
    # teams and reps under the marts' lagging threshold are drawn as lagging; a month without reps has none
    lagging = model.bands.lagging_attainment or 0
    return {
        "revenue_trend": revenue_trend(model.trend, labels["revenue_trend"]),
        "channel_revenue": channel_revenue(model.channels, labels["channel_revenue"]),
        "customer_flow": customer_flow(model.customer_flow, labels["customer_flow"]),
        "team_attainment": team_attainment(model.teams, labels["team_attainment"], lagging),
        "campaign_roas": campaign_roas(model.campaigns, labels["campaign_roas"]),
        "rep_attainment": rep_attainment_distribution(model.roster, labels["rep_attainment"], lagging),
        "target_bridge": target_bridge(model.bridge, labels["target_bridge"]),
        **{
            f"spark_{metric}": sparkline([getattr(p, metric) for p in model.trend], f"spark_{metric}")
            for metric in ("revenue", "orders", "aov", "active_customers")
        },
    }
