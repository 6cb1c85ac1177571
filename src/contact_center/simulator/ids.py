"""Identifiers in the vendors' shapes: Salesforce 18-character ids, ARNs, Qualtrics response ids."""

from __future__ import annotations

import random

from contact_center.simulator.config import AWS_ACCOUNT, AWS_REGION

_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _base62(n: int, width: int) -> str:
    out = []
    for _ in range(width):
        n, r = divmod(n, 62)
        out.append(_BASE62[r])
    return "".join(reversed(out))


def sf_id18(id15: str) -> str:
    """Append Salesforce's case-safety suffix to a 15-character id."""
    suffix = ""
    for chunk in range(3):
        bits = 0
        for i, ch in enumerate(id15[chunk * 5 : chunk * 5 + 5]):
            if "A" <= ch <= "Z":
                bits |= 1 << i
        suffix += _SUFFIX[bits]
    return id15 + suffix


class SalesforceIds:
    """Sequential, unique Salesforce ids per key prefix (``003`` Contact, ``500`` Case, ...)."""

    def __init__(self, rng: random.Random) -> None:
        self._next: dict[str, int] = {}
        self._pod = rng.choice(_BASE62[10:36]) + rng.choice(_BASE62[:10])  # instance part, e.g. "J8"
        self._rng = rng

    def new(self, prefix: str) -> str:
        n = self._next.get(prefix)
        if n is None:
            n = self._rng.randrange(62**4, 62**5)
        self._next[prefix] = n + 1 + self._rng.randrange(3)
        return sf_id18(prefix + self._pod + "000" + _base62(n, 7))


def instance_arn(instance_id: str) -> str:
    return f"arn:aws:connect:{AWS_REGION}:{AWS_ACCOUNT}:instance/{instance_id}"


def response_id(rng: random.Random) -> str:
    return "R_" + "".join(rng.choice(_ALNUM) for _ in range(15))
