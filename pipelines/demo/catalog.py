"""The product catalog: a few categories with their own price levels and a skewed popularity."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pipelines.demo.names import PRODUCT_CATEGORIES, PRODUCT_LINES, PRODUCT_WORDS
from pipelines.demo.randomness import stream

# Typical list price per category, in currency units.
_CATEGORY_PRICE = {
    "Hardware": 650.0,
    "Software": 180.0,
    "Services": 320.0,
    "Accessories": 45.0,
    "Supplies": 18.0,
}


@dataclass(frozen=True)
class Catalog:
    product_ids: tuple[str, ...]
    names: tuple[str, ...]
    category: np.ndarray  # index into PRODUCT_CATEGORIES
    list_price_cents: np.ndarray
    popularity: np.ndarray  # probabilities summing to 1


def build_catalog(seed: int, count: int) -> Catalog:
    rng = stream(seed, "catalog")
    category = np.arange(count) % len(PRODUCT_CATEGORIES)
    base = np.array([_CATEGORY_PRICE[PRODUCT_CATEGORIES[c]] for c in category])
    # Prices end in .90 or .00 like real price lists.
    price_units = np.maximum(1, np.round(base * rng.lognormal(0.0, 0.45, count)))
    list_price_cents = (price_units * 100 - np.where(rng.random(count) < 0.6, 10, 0)).astype(np.int64)
    ranks = rng.permutation(count) + 1
    popularity = 1.0 / ranks**0.9
    names = []
    for i, c in enumerate(category):
        words = PRODUCT_WORDS[PRODUCT_CATEGORIES[c]]
        names.append(f"{words[i % len(words)]} {PRODUCT_LINES[(i // len(words)) % len(PRODUCT_LINES)]} {100 + i}")
    return Catalog(
        product_ids=tuple(f"P{i + 1:04d}" for i in range(count)),
        names=tuple(names),
        category=category,
        list_price_cents=list_price_cents,
        popularity=popularity / popularity.sum(),
    )
