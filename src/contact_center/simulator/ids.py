"""Identifiers in the vendors' shapes: Salesforce 18-character ids, ARNs, Qualtrics response ids."""

from __future__ import annotations

import random
from functools import lru_cache

from contact_center.simulator.config import AWS_ACCOUNT, AWS_REGION
from contact_center.simulator.rand import stream

_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _base62(n: int, width: int) -> str:
    out = []
    for _ in range(width):
        n, r = divmod(n, 62)
        out.append(_BASE62[r])
    return "".join(reversed(out))


@lru_cache(maxsize=4096)
def _suffix_char(chunk: str) -> str:
    bits = 0
    for i, ch in enumerate(chunk):
        if "A" <= ch <= "Z":
            bits |= 1 << i
    return _SUFFIX[bits]


def sf_id18(id15: str) -> str:
    """Append Salesforce's case-safety suffix to a 15-character id."""
    return id15 + _suffix_char(id15[:5]) + _suffix_char(id15[5:10]) + _suffix_char(id15[10:15])


class SalesforceIds:
    """Sequential, unique Salesforce ids per key prefix (``003`` Contact, ``500`` Case, ...).

    Each prefix draws from a stream of its own, so the ids of one object type do not depend on how many
    ids of another were drawn before (cases are numbered in event order, customers day by day)."""

    def __init__(self, seed: int) -> None:
        rng = stream(seed, "salesforce-ids")
        self._pod = rng.choice(_BASE62[10:36]) + rng.choice(_BASE62[:10])  # instance part, e.g. "J8"
        self._seed = seed
        self._next: dict[str, tuple[int, random.Random]] = {}

    def new(self, prefix: str) -> str:
        state = self._next.get(prefix)
        if state is None:
            rng = stream(self._seed, f"salesforce-ids:{prefix}")
            state = (rng.randrange(62**4, 62**5), rng)
        n, rng = state
        self._next[prefix] = (n + 1 + rng.randrange(3), rng)
        return sf_id18(prefix + self._pod + "000" + _base62(n, 7))


def instance_arn(instance_id: str) -> str:
    return f"arn:aws:connect:{AWS_REGION}:{AWS_ACCOUNT}:instance/{instance_id}"


def response_id(rng: random.Random) -> str:
    return "R_" + "".join(rng.choice(_ALNUM) for _ in range(15))
