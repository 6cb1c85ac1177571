"""The CRM's customers (Salesforce Contacts): identities, households, changes over time, look-ups."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from contact_center.simulator import config as cfg
from contact_center.simulator.ids import SalesforceIds
from contact_center.simulator.people import (
    EMAIL_DOMAINS,
    GB_FIRST,
    GB_LAST,
    US_FIRST,
    US_LAST,
    NumberPool,
    Phone,
    e164,
    typed,
)
from contact_center.simulator.rand import WeightedChoice, np_stream, stream
from contact_center.simulator.timeutil import day_start, sf_ts


@dataclass(slots=True)
class CustomerVersion:
    email: str
    phone: str | None  # E.164
    phone_text: str  # as typed into the CRM
    mobile: str | None
    mobile_text: str
    modified: int  # LastModifiedDate of this version; it is the customer's state from then on


@dataclass(slots=True)
class Customer:
    idx: int
    sf_id: str
    account_id: str
    country: str
    first: str
    last: str
    created: int
    versions: list[CustomerVersion] = field(default_factory=list)
    household: bool = False

    def at(self, t: int) -> CustomerVersion:
        versions = self.versions
        current = versions[0]
        for v in versions[1:]:
            if v.modified <= t:
                current = v
        return current

    def numbers_at(self, t: int) -> tuple[str | None, str | None]:
        v = self.at(t)
        return v.phone, v.mobile


def _email_local(first: str, last: str) -> str:
    return f"{first}.{last}".lower().replace("'", "").replace(" ", "")


def _add(index: dict[str, int | list[int]], key: str, idx: int) -> None:
    """Index ``idx`` under ``key`` (an int while one customer has it, a list once several do)."""
    held = index.get(key)
    if held is None:
        index[key] = idx
    elif isinstance(held, int):
        if held != idx:
            index[key] = [held, idx]
    elif idx not in held:
        held.append(idx)


def _held(index: dict[str, int | list[int]], key: str) -> tuple[int, ...] | list[int]:
    held = index.get(key)
    if held is None:
        return ()
    return (held,) if isinstance(held, int) else held


class CustomerBase:
    """The customers, with the look-ups the IVR, chat login and email-to-case matching use.

    The customers of before the window are made up front; ``day`` then adds each day's new customers and
    detail changes (at the configured shares per 28 days) from that day's own stream, so a day's CRM file
    does not depend on the length of the window.
    """

    def __init__(self, seed: int, ids: SalesforceIds, start: date, scale: float) -> None:
        rng = stream(seed, "customers")
        self.seed = seed
        self.ids = ids
        self.start = start
        self.start_ts = day_start(start)
        self.n = max(60, round(cfg.CUSTOMERS_PER_SCALE * scale))
        self.customers: list[Customer] = []
        self._by_phone: dict[str, int | list[int]] = {}
        self._by_email: dict[str, int | list[int]] = {}
        self._pools = {
            ("US", "landline"): NumberPool(rng, "US", "landline", 2 * self.n),
            ("GB", "landline"): NumberPool(rng, "GB", "landline", 2 * self.n),
            ("GB", "mobile"): NumberPool(rng, "GB", "mobile", 2 * self.n),
        }
        self._pools[("US", "mobile")] = self._pools[("US", "landline")]
        self._unlisted = {
            "US": NumberPool(rng, "US", "landline", 2000, unlisted=True),
            "GB": NumberPool(rng, "GB", "landline", 2000, unlisted=True),
        }
        self._pickers: dict[str, WeightedChoice[Customer]] = {
            "US": WeightedChoice([], []),
            "GB": WeightedChoice([], []),
        }
        self._busy: dict[tuple[int, str], int] = {}
        history_start = day_start(date(2016, 1, 1))
        span = self.start_ts - 86400 - history_start
        for _ in range(self.n - round(self.n * cfg.NEW_CUSTOMER_SHARE)):
            created = history_start + int(span * (1 - rng.random() ** 1.6))
            modified = created
            if rng.random() < 0.7:
                modified = created + rng.randrange(0, max(1, self.start_ts - 3600 - created))
            self._new_customer(rng, created, modified, index=False)
        self._make_households(rng)
        for c in self.customers:
            self._index(c, c.versions[0])
            self._pickers[c.country].add(c, rng.lognormvariate(0.0, 1.0))

    def _new_customer(self, rng: random.Random, created: int, modified: int, index: bool = True) -> Customer:
        country = "US" if rng.random() < cfg.US_SHARE else "GB"
        first = rng.choice(US_FIRST if country == "US" else GB_FIRST)
        last = rng.choice(US_LAST if country == "US" else GB_LAST)
        customer = Customer(
            len(self.customers), self.ids.new("003"), self.ids.new("001"), country, first, last, created
        )
        pools = self._pools
        if country == "US":
            phone: Phone | None = pools[("US", "landline")].take()
            mobile = pools[("US", "mobile")].take() if rng.random() < 0.55 else None
        elif rng.random() < 0.75:
            phone = pools[("GB", "landline")].take()
            mobile = pools[("GB", "mobile")].take() if rng.random() < 0.5 else None
        else:
            phone, mobile = pools[("GB", "mobile")].take(), None
        email = self._new_email(rng, first, last) if rng.random() < 0.9 else ""
        customer.versions.append(self._version(rng, country, email, phone, mobile, modified))
        self.customers.append(customer)
        if index:
            self._index(customer, customer.versions[0])
            self._pickers[country].add(customer, rng.lognormvariate(0.0, 1.0))
        return customer

    def _new_email(self, rng: random.Random, first: str, last: str) -> str:
        local = _email_local(first, last)
        while True:
            suffix = "" if rng.random() < 0.4 else str(rng.randrange(1, 99))
            email = f"{local}{suffix}@{rng.choice(EMAIL_DOMAINS)}"
            if email not in self._by_email:
                self._by_email[email] = []  # reserved; indexed with its customer
                return email

    def _version(
        self,
        rng: random.Random,
        country: str,
        email: str,
        phone: Phone | None,
        mobile: Phone | None,
        modified: int,
    ) -> CustomerVersion:
        return CustomerVersion(
            email=email,
            phone=e164(country, phone) if phone else None,
            phone_text=typed(country, phone, rng.randrange(3)) if phone else "",
            mobile=e164(country, mobile) if mobile else None,
            mobile_text=typed(country, mobile, rng.randrange(3)) if mobile else "",
            modified=modified,
        )

    def _make_households(self, rng: random.Random) -> None:
        i = 0
        customers = self.customers
        while i < len(customers) - 1:
            a, b = customers[i], customers[i + 1]
            if rng.random() < cfg.HOUSEHOLD_SHARE / 2 and a.country == b.country and a.versions[0].phone is not None:
                b.last = a.last
                b.account_id = a.account_id
                va, vb = a.versions[0], b.versions[0]
                email = self._new_email(rng, b.first, b.last) if vb.email else ""
                b.versions[0] = CustomerVersion(email, va.phone, va.phone_text, vb.mobile, vb.mobile_text, vb.modified)
                a.household = b.household = True
                i += 2
            else:
                i += 1

    def _index(self, c: Customer, v: CustomerVersion) -> None:
        for number in (v.phone, v.mobile):
            if number is not None:
                _add(self._by_phone, number, c.idx)
        if v.email:
            _add(self._by_email, v.email, c.idx)

    def _change(self, rng: random.Random, c: Customer, when: int) -> CustomerVersion:
        """A new version of ``c`` from ``when``: a new email, a new mobile, or the landline retyped."""
        old = c.versions[-1]
        kind = rng.random()
        new = CustomerVersion(old.email, old.phone, old.phone_text, old.mobile, old.mobile_text, when)
        if kind < 0.4:
            new.email = self._new_email(rng, c.first, c.last)
        elif kind < 0.8:
            mobile = self._pools[(c.country, "mobile")].take()
            new.mobile, new.mobile_text = e164(c.country, mobile), typed(c.country, mobile, rng.randrange(3))
        elif old.phone is not None:
            new.phone_text = _retyped(c.country, old.phone_text, rng.randrange(3))
        c.versions.append(new)
        self._index(c, new)
        return new

    # --- day by day ---------------------------------------------------------------------------------------

    def day(self, d: date) -> list[tuple[int, list[str], bool]]:
        """Add day ``d``'s new customers and changes; the CRM rows the day delivers as (LastModifiedDate,
        row, superseding). The first day's file is a full extract."""
        lo = day_start(d)
        rng = stream(self.seed, f"customers:{d.isoformat()}")
        counts = np_stream(self.seed, f"customers:{d.isoformat()}").poisson(
            [self.n * cfg.NEW_CUSTOMER_SHARE / 28, self.n * cfg.CHANGED_CUSTOMER_SHARE / 28]
        )
        existing = len(self.customers)
        out: list[tuple[int, list[str], bool]] = []
        if d == self.start:
            out.extend((max(c.versions[0].modified, lo), self._row(c, c.versions[0]), False) for c in self.customers)
        for _ in range(int(counts[0])):
            created = lo + rng.randrange(86400)
            c = self._new_customer(rng, created, created)
            out.append((created, self._row(c, c.versions[0]), False))
        if d > self.start:
            for idx in sorted(rng.sample(range(existing), min(existing, int(counts[1])))):
                c = self.customers[idx]
                when = lo + rng.randrange(86400)
                if when > c.versions[-1].modified:
                    out.append((when, self._row(c, self._change(rng, c, when)), True))
        return out

    def prune(self, t: int) -> None:
        """Forget issue holds that have run out by ``t``."""
        self._busy = {k: v for k, v in self._busy.items() if v > t}

    # --- look-ups used during the simulation ------------------------------------------------------

    def pick(self, country: str, t: int, rng: random.Random, family: str) -> Customer:
        """A customer who exists by ``t`` and has no open issue of ``family`` (see ``hold``)."""
        picker = self._pickers[country]
        busy = self._busy

        def free(c: Customer) -> bool:
            return c.created <= t - 3600 and busy.get((c.idx, family), -1) <= t

        for _ in range(50):
            c = picker.draw(rng)
            if free(c):
                return c
        return next(c for c in picker.items if free(c))

    def hold(self, customer: Customer, family: str, until: int) -> None:
        """Keep new issues of ``family`` away from ``customer`` until ``until``."""
        key = (customer.idx, family)
        self._busy[key] = max(self._busy.get(key, -1), until)

    def phone_matches(self, number: str, t: int) -> list[int]:
        """Customers who have ``number`` (E.164) on file at time ``t``."""
        out = []
        for idx in _held(self._by_phone, number):
            c = self.customers[idx]
            if c.created <= t and number in c.numbers_at(t):
                out.append(idx)
        return out

    def email_matches(self, email: str, t: int) -> list[int]:
        out = []
        for idx in _held(self._by_email, email):
            c = self.customers[idx]
            if c.created <= t and c.at(t).email == email:
                out.append(idx)
        return out

    def unknown_number(self, country: str) -> str:
        return e164(country, self._unlisted[country].take())

    def unknown_email(self, rng: random.Random, c: Customer) -> str:
        """An address the customer uses that is not (and never was) on file."""
        while True:
            email = f"{c.first[0]}{c.last}{rng.randrange(100, 999)}@{rng.choice(EMAIL_DOMAINS)}"
            email = email.lower().replace("'", "")
            if email not in self._by_email:
                return email

    # --- CRM export ---------------------------------------------------------------------------------

    def _row(self, c: Customer, v: CustomerVersion) -> list[str]:
        return [
            c.sf_id,
            c.account_id,
            c.first,
            c.last,
            v.email,
            v.phone_text,
            v.mobile_text,
            c.country,
            sf_ts(c.created),
            sf_ts(v.modified),
        ]


def _retyped(country: str, text: str, style: int) -> str:
    """A number as typed into the CRM (``text``), typed again in one of the documented styles."""
    if country == "US":
        digits = "".join(ch for ch in text if ch.isdigit())[-10:]
        return typed(country, (digits[:3], digits[3:6], digits[6:]), style)
    groups = text.removeprefix("+44 (0)") if text.startswith("+44 (0)") else text.removeprefix("+44 ")
    return typed(country, tuple(groups.split(" ")), style)
