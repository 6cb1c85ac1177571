"""Identifiers in the vendors' shapes: Salesforce 18-character ids, ARNs, Qualtrics response ids."""

from __future__ import annotations

import random

from contact_center.simulator.config import AWS_ACCOUNT, AWS_REGION
from contact_center.simulator.rand import stream

_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_SUFFIX = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


_PAIRS = [a + b for a in _BASE62 for b in _BASE62]  # base 62 digit pairs, 00 .. zz
_UPPER_FLAGS = str.maketrans({c: "1" if "A" <= c <= "Z" else "0" for c in _BASE62})


def _base62_7(n: int) -> str:
    """``n`` (below 62**7) as seven base 62 digits."""
    a, d = divmod(n, 3844)
    b, c = divmod(a, 3844)
    return (_PAIRS[b // 3844] + _PAIRS[b % 3844] + _PAIRS[c] + _PAIRS[d])[1:]


def _suffix_char(chunk: str) -> str:
    return _SUFFIX[int(chunk.translate(_UPPER_FLAGS)[::-1], 2)]


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
        self._next: dict[str, tuple[int, random.Random, str]] = {}

    def new(self, prefix: str) -> str:
        state = self._next.get(prefix)
        if state is None:
            rng = stream(self._seed, f"salesforce-ids:{prefix}")
            head = prefix + self._pod  # the first five characters, and their suffix character
            state = (rng.randrange(62**4, 62**5), rng, head + _suffix_char(head))
        n, rng, head = state
        self._next[prefix] = (n + 1 + int(rng.random() * 3), rng, head)
        digits = _base62_7(n)
        return f"{head[:5]}000{digits}{head[5]}{_suffix_char('000' + digits[:2])}{_suffix_char(digits[2:])}"


def instance_arn(instance_id: str) -> str:
    return f"arn:aws:connect:{AWS_REGION}:{AWS_ACCOUNT}:instance/{instance_id}"


def response_id(rng: random.Random) -> str:
    return "R_" + "".join(rng.choice(_ALNUM) for _ in range(15))
