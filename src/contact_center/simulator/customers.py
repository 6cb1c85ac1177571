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
from contact_center.simulator.rand import WeightedChoice
from contact_center.simulator.timeutil import day_start, sf_ts


@dataclass(slots=True)
class CustomerVersion:
    email: str
    phone: Phone | None
    phone_text: str
    mobile: Phone | None
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
        current = self.versions[0]
        for v in self.versions[1:]:
            if v.modified <= t:
                current = v
        return current

    def numbers_at(self, t: int) -> list[str]:
        v = self.at(t)
        return [e164(self.country, p) for p in (v.phone, v.mobile) if p is not None]


def _email_local(first: str, last: str) -> str:
    return f"{first}.{last}".lower().replace("'", "").replace(" ", "")


class CustomerBase:
    """All customers, with the look-ups the IVR, chat login and email-to-case matching use."""

    def __init__(self, seed_rng: random.Random, ids: SalesforceIds, start: date, days: int, scale: float) -> None:
        rng = seed_rng
        self.start_ts = day_start(start)
        self.end_ts = self.start_ts + days * 86400
        n = max(60, round(cfg.CUSTOMERS_PER_SCALE * scale))
        self.customers: list[Customer] = []
        self._emails_ever: set[str] = set()
        pools = {
            ("US", "landline"): NumberPool(rng, "US", "landline", 2 * n),
            ("GB", "landline"): NumberPool(rng, "GB", "landline", 2 * n),
            ("GB", "mobile"): NumberPool(rng, "GB", "mobile", 2 * n),
        }
        pools[("US", "mobile")] = pools[("US", "landline")]
        self._unlisted = {
            "US": NumberPool(rng, "US", "landline", 2000, unlisted=True),
            "GB": NumberPool(rng, "GB", "landline", 2000, unlisted=True),
        }
        history_start = day_start(date(2016, 1, 1))
        for i in range(n):
            country = "US" if rng.random() < cfg.US_SHARE else "GB"
            first = rng.choice(US_FIRST if country == "US" else GB_FIRST)
            last = rng.choice(US_LAST if country == "US" else GB_LAST)
            if rng.random() < cfg.NEW_CUSTOMER_SHARE and days > 1:
                created = self.start_ts + rng.randrange(3600 * 6, max(3600 * 7, (days - 1) * 86400))
            else:
                span = self.start_ts - 86400 - history_start
                created = history_start + int(span * (1 - rng.random() ** 1.6))
            customer = Customer(i, ids.new("003"), ids.new("001"), country, first, last, created)
            if country == "US":
                phone: Phone | None = pools[("US", "landline")].take()
                mobile = pools[("US", "mobile")].take() if rng.random() < 0.55 else None
            elif rng.random() < 0.75:
                phone = pools[("GB", "landline")].take()
                mobile = pools[("GB", "mobile")].take() if rng.random() < 0.5 else None
            else:
                phone, mobile = pools[("GB", "mobile")].take(), None
            email = self._new_email(rng, first, last) if rng.random() < 0.9 else ""
            modified = created
            if created < self.start_ts and rng.random() < 0.7:
                modified = created + rng.randrange(0, max(1, self.start_ts - 3600 - created))
            customer.versions.append(self._version(rng, country, email, phone, mobile, modified))
            self.customers.append(customer)
        self._make_households(rng)
        self._make_changes(rng, pools, days)
        self._index()
        self._pickers: dict[str, WeightedChoice[Customer]] = {}
        self._busy: dict[tuple[int, str], int] = {}
        for country in ("US", "GB"):
            members = [c for c in self.customers if c.country == country]
            weights = [rng.lognormvariate(0.0, 1.0) for _ in members]
            self._pickers[country] = WeightedChoice(members, weights)

    def _new_email(self, rng: random.Random, first: str, last: str) -> str:
        local = _email_local(first, last)
        while True:
            suffix = "" if rng.random() < 0.4 else str(rng.randrange(1, 99))
            email = f"{local}{suffix}@{rng.choice(EMAIL_DOMAINS)}"
            if email not in self._emails_ever:
                self._emails_ever.add(email)
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
            phone=phone,
            phone_text=typed(country, phone, rng.randrange(3)) if phone else "",
            mobile=mobile,
            mobile_text=typed(country, mobile, rng.randrange(3)) if mobile else "",
            modified=modified,
        )

    def _make_households(self, rng: random.Random) -> None:
        i = 0
        customers = self.customers
        while i < len(customers) - 1:
            a, b = customers[i], customers[i + 1]
            if (
                rng.random() < cfg.HOUSEHOLD_SHARE / 2
                and a.country == b.country
                and a.versions[0].phone is not None
                and a.created < self.start_ts
                and b.created < self.start_ts
            ):
                b.last = a.last
                b.account_id = a.account_id
                va, vb = a.versions[0], b.versions[0]
                email = self._new_email(rng, b.first, b.last) if vb.email else ""
                b.versions[0] = CustomerVersion(email, va.phone, va.phone_text, vb.mobile, vb.mobile_text, vb.modified)
                a.household = b.household = True
                i += 2
            else:
                i += 1

    def _make_changes(self, rng: random.Random, pools: dict[tuple[str, str], NumberPool], days: int) -> None:
        if days < 2:
            return
        first_change = self.start_ts + 86400
        for c in self.customers:
            if c.created >= first_change or rng.random() >= cfg.CHANGED_CUSTOMER_SHARE:
                continue
            when = first_change + rng.randrange(3600 * 7, (days - 1) * 86400 - 3600 * 2)
            old = c.versions[-1]
            kind = rng.random()
            email, mobile, phone_text = old.email, old.mobile, old.phone_text
            if kind < 0.4:
                email = self._new_email(rng, c.first, c.last)
            elif kind < 0.8:
                mobile = pools[(c.country, "mobile")].take()
            elif old.phone is not None:
                phone_text = typed(c.country, old.phone, rng.randrange(3))
            new = self._version(rng, c.country, email, old.phone, mobile, when)
            new.phone_text = phone_text if old.phone is not None else ""
            if mobile == old.mobile:
                new.mobile_text = old.mobile_text
            c.versions.append(new)

    def _index(self) -> None:
        self._by_phone: dict[str, list[int]] = {}
        self._by_email: dict[str, list[int]] = {}
        for c in self.customers:
            for v in c.versions:
                for p in (v.phone, v.mobile):
                    if p is not None:
                        lst = self._by_phone.setdefault(e164(c.country, p), [])
                        if c.idx not in lst:
                            lst.append(c.idx)
                if v.email:
                    lst = self._by_email.setdefault(v.email, [])
                    if c.idx not in lst:
                        lst.append(c.idx)

    # --- look-ups used during the simulation ------------------------------------------------------

    def pick(self, country: str, t: int, rng: random.Random, family: str) -> Customer:
        """A customer who exists by ``t`` and has no open issue of ``family`` (see ``hold``)."""
        picker = self._pickers[country]

        def free(c: Customer) -> bool:
            return c.created <= t - 3600 and self._busy.get((c.idx, family), -1) <= t

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
        for idx in self._by_phone.get(number, ()):
            c = self.customers[idx]
            if c.created <= t and number in c.numbers_at(t):
                out.append(idx)
        return out

    def email_matches(self, email: str, t: int) -> list[int]:
        out = []
        for idx in self._by_email.get(email, ()):
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
            if email not in self._emails_ever:
                return email

    # --- CRM export ---------------------------------------------------------------------------------

    def crm_rows(self) -> list[tuple[int, list[str]]]:
        """Every delivered Contact version as (LastModifiedDate, row). The first day is a full extract."""
        first_day_end = self.start_ts + 86400
        out: list[tuple[int, list[str]]] = []
        for c in self.customers:
            for j, v in enumerate(c.versions):
                valid_until = c.versions[j + 1].modified if j + 1 < len(c.versions) else None
                if v.modified < first_day_end:
                    # Only the version current at the end of the first day goes in the full extract.
                    if valid_until is not None and valid_until < first_day_end:
                        continue
                    if c.created >= first_day_end:
                        continue
                stamp = max(v.modified, self.start_ts)
                out.append((stamp, self._row(c, v)))
        return out

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
