"""Deterministic random streams: every stream is derived from the run seed and a name, never the clock."""

from __future__ import annotations

import bisect
import hashlib
import itertools
import math
import random
from collections.abc import Sequence
from typing import Generic, TypeVar

import numpy as np

T = TypeVar("T")


def _derive(seed: int, name: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{seed}:{name}".encode()).digest()[:16], "big")


def stream(seed: int, name: str) -> random.Random:
    """An independent ``random.Random`` for one purpose (fast scalar draws)."""
    return random.Random(_derive(seed, name))


def np_stream(seed: int, name: str) -> np.random.Generator:
    """An independent numpy Generator for one purpose (vectorised draws)."""
    return np.random.default_rng(_derive(seed, name))


_UUID_CLEAR = ~((0xC000 << 48) | (0xF000 << 64))
_UUID_SET = (0x8000 << 48) | (4 << 76)


def new_uuid(rng: random.Random) -> str:
    """A version-4 UUID drawn from ``rng`` (``str(uuid.UUID(int=..., version=4))``, without the object)."""
    h = f"{(rng.getrandbits(128) & _UUID_CLEAR) | _UUID_SET:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def between(rng: random.Random, lo: int, hi: int) -> int:
    """A uniform integer in ``[lo, hi)``: ``randrange``'s distribution at a fraction of its cost."""
    return lo + int(rng.random() * (hi - lo))


def pick(rng: random.Random, items: Sequence[T]) -> T:
    """A uniform choice (``random.choice`` at a fraction of its cost)."""
    return items[int(rng.random() * len(items))]


def lognormal(rng: random.Random, median: float, sigma: float) -> float:
    return median * math.exp(sigma * rng.gauss(0.0, 1.0))


class WeightedChoice(Generic[T]):
    """Draw items with fixed weights in O(log n); items can be added."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1] if self.cum else 0.0

    def add(self, item: T, weight: float) -> None:
        self.items.append(item)
        self.total += weight
        self.cum.append(self.total)

    def draw(self, rng: random.Random) -> T:
        i = bisect.bisect_right(self.cum, rng.random() * self.total)
        return self.items[min(i, len(self.items) - 1)]


def choose(rng: random.Random, pairs: Sequence[tuple[T, float]]) -> T:
    """Pick from ``(item, weight)`` pairs."""
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for item, w in pairs:
        x -= w
        if x < 0:
            return item
    return pairs[-1][0]
