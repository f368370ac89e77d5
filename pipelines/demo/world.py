"""Everything fixed before the first month is simulated: people, products, customers, campaigns."""

from __future__ import annotations

from dataclasses import dataclass

from pipelines.demo.campaigns import Campaign, plan_campaigns
from pipelines.demo.catalog import Catalog, build_catalog
from pipelines.demo.currencies import SINGLE_CURRENCY, Currencies
from pipelines.demo.customers import CustomerBase, build_customers
from pipelines.demo.roster import Roster, build_roster
from pipelines.demo.scales import Scale


@dataclass(frozen=True)
class World:
    seed: int
    scale: Scale
    start: int  # first month serial written
    end: int  # last month serial written
    roster: Roster
    catalog: Catalog
    customers: CustomerBase
    campaigns: tuple[Campaign, ...]
    currencies: Currencies
    fiscal_year_start_month: int  # managers write their notes at each fiscal quarter's end


def build_world(
    seed: int,
    scale: Scale,
    start: int,
    end: int,
    currencies: Currencies = SINGLE_CURRENCY,
    fiscal_year_start_month: int = 1,
) -> World:
    # One month past the end is simulated too: folder M carries targets for M + 1.
    lookahead = end + 1
    return World(
        seed=seed,
        scale=scale,
        start=start,
        end=end,
        roster=build_roster(seed, scale, start, end),
        catalog=build_catalog(seed, scale.products),
        customers=build_customers(seed, scale, start, lookahead),
        campaigns=plan_campaigns(seed, scale, start, lookahead),
        currencies=currencies,
        fiscal_year_start_month=fiscal_year_start_month,
    )
