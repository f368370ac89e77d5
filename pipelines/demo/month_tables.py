"""Build every entity of one month folder as contract-shaped Arrow tables."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipelines.contract import CHANNELS, ORDER_STATUSES
from pipelines.demo.actuals import MonthActuals
from pipelines.demo.currencies import RATE_PLACES, local_money
from pipelines.demo.months import month_label
from pipelines.demo.names import PRODUCT_CATEGORIES
from pipelines.demo.opportunities import Opportunities, opportunities_columns
from pipelines.demo.roster import REGIONS, TEAM_IDS, TEAM_MANAGERS, TEAM_NAMES, TEAM_REGIONS
from pipelines.demo.sales import NO_CAMPAIGN, MonthSales
from pipelines.demo.surveys import survey_columns
from pipelines.demo.tables import contract_table
from pipelines.demo.targets import target_rows
from pipelines.demo.world import World


def month_tables(
    world: World,
    sales: MonthSales,
    actuals: MonthActuals,
    next_actuals: MonthActuals,
    pipeline: Opportunities,
) -> dict[str, pa.Table]:
    month = sales.month
    customers = world.customers.table_columns
    known = world.customers.count_created_by(month)
    customer_ids = customers["customer_id"].slice(0, known)
    roster = world.roster
    hired = np.flatnonzero(roster.hired_by(month))
    rep_ids = pa.array(roster.rep_ids)
    campaign_ids = pa.array([c.campaign_id for c in world.campaigns])
    order_ids = _order_ids(month, len(sales.customer))
    money = local_money(world.currencies, world.seed, month, world.customers.region)
    tables = {
        "orders": contract_table(
            "orders",
            {
                "order_id": order_ids,
                "order_date": pa.array(sales.order_day),
                "customer_id": pc.take(customer_ids, pa.array(sales.customer)),
                "rep_id": pc.take(rep_ids, pa.array(sales.rep)),
                "channel": pc.take(pa.array(CHANNELS), pa.array(sales.channel)),
                "campaign_id": pc.take(
                    campaign_ids, pa.array(np.maximum(sales.campaign, 0), mask=sales.campaign == NO_CAMPAIGN)
                ),
                "status": pc.take(pa.array(ORDER_STATUSES), pa.array(sales.status)),
                **({"currency": money.labels(sales.customer)} if money else {}),
            },
        ),
        "order_lines": contract_table(
            "order_lines",
            {
                "order_id": order_ids.take(pa.array(sales.line_order)),
                "line_no": sales.line_no,
                "product_id": pc.take(pa.array(world.catalog.product_ids), pa.array(sales.product)),
                "quantity": sales.quantity,
                "unit_price": (
                    money.local(sales.customer[sales.line_order], sales.unit_price_cents)
                    if money
                    else sales.unit_price_cents
                ),
                "discount": sales.discount_pct,
            },
        ),
        "opportunities": contract_table(
            "opportunities", opportunities_columns(pipeline, month, rep_ids, customer_ids, money)
        ),
        "customers": contract_table("customers", {name: values.slice(0, known) for name, values in customers.items()}),
        "products": contract_table(
            "products",
            {
                "product_id": world.catalog.product_ids,
                "name": world.catalog.names,
                "category": [PRODUCT_CATEGORIES[c] for c in world.catalog.category],
                "list_price": world.catalog.list_price_cents,
            },
        ),
        "sales_reps": contract_table(
            "sales_reps",
            {
                "rep_id": [roster.rep_ids[i] for i in hired],
                "name": [roster.names[i] for i in hired],
                "team_id": [TEAM_IDS[t] for t in roster.team_at(month)[hired]],
                "region": [TEAM_REGIONS[t] for t in roster.team_at(month)[hired]],
                "hire_date": pa.array(roster.hire_day[hired]),
                "is_active": roster.active_at(month)[hired],
            },
        ),
        "teams": contract_table("teams", {"team_id": TEAM_IDS, "name": TEAM_NAMES, "manager_name": TEAM_MANAGERS}),
        "targets": _targets(world, actuals, next_actuals, {roster.rep_ids[i] for i in hired}),
        "campaigns": _campaigns(world, sales),
        "surveys": contract_table("surveys", survey_columns(world, sales, customer_ids)),
        "market": contract_table("market", {"region": REGIONS, "market_size": actuals.market_size_cents}),
    }
    if world.currencies.several:
        tables["fx_rates"] = _fx_rates(world, month)
    return tables


def _fx_rates(world: World, month: int) -> pa.Table:
    currency, rate_month, rate_date, rate = zip(*world.currencies.fx_rate_rows(world.seed, month), strict=True)
    return contract_table(
        "fx_rates",
        {
            "currency": currency,
            "month": rate_month,
            "rate_date": pa.array(rate_date, type=pa.date32()),
            "rate_to_reporting": [Decimal(f"{r:.{RATE_PLACES}f}") for r in rate],
        },
    )


def _planned_in(world: World, count: int) -> dict:
    """Plans (targets, campaign budgets) are set in the reporting currency, and say so when there are several."""
    return {"currency": [world.currencies.reporting] * count} if world.currencies.several else {}


def _order_ids(month: int, count: int) -> pa.Array:
    numbers = pc.utf8_lpad(pc.cast(pa.array(np.arange(1, count + 1)), pa.string()), width=6, padding="0")
    return pc.binary_join_element_wise(f"SO-{month_label(month).replace('-', '')}-", numbers, "")


def _targets(world: World, actuals: MonthActuals, next_actuals: MonthActuals, reps: set[str]) -> pa.Table:
    rows = target_rows(actuals, world.roster.rep_ids, world.seed)
    rows += target_rows(next_actuals, world.roster.rep_ids, world.seed)
    # Only reps in this folder's snapshot: a rep hired next month is not in the CRM yet.
    rows = [row for row in rows if row[1] != "rep" or row[2] in reps]
    month, scope, scope_id, metric, value = zip(*rows, strict=True)
    return contract_table(
        "targets",
        {
            "month": month,
            "scope": scope,
            "scope_id": scope_id,
            "metric": metric,
            "target_value": value,
            **_planned_in(world, len(value)),
        },
    )


def _campaigns(world: World, sales: MonthSales) -> pa.Table:
    running = sorted(sales.campaign_spend_cents)
    plans = [world.campaigns[i] for i in running]
    return contract_table(
        "campaigns",
        {
            "campaign_id": [c.campaign_id for c in plans],
            "name": [c.name for c in plans],
            "type": [c.type for c in plans],
            "channel": [CHANNELS[c.channel] for c in plans],
            "start_date": pa.array(np.array([c.start_day for c in plans], dtype="datetime64[D]")),
            "end_date": pa.array(np.array([c.end_day for c in plans], dtype="datetime64[D]")),
            "spend": [sales.campaign_spend_cents[i] for i in running],
            **_planned_in(world, len(running)),
        },
    )
