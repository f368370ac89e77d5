"""Independent, reproducible random streams: one per (seed, purpose, month), so adding a draw in one part
of the generator never shifts the numbers of another part."""

from __future__ import annotations

import zlib

import numpy as np


def stream(seed: int, purpose: str, month: int = 0) -> np.random.Generator:
    # crc32 rather than hash(): str hashes are salted per process and would break reproducibility.
    return np.random.default_rng([seed, zlib.crc32(purpose.encode()), month])
