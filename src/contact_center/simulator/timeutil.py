"""Timestamps: the simulation clock is integer seconds since the Unix epoch (UTC)."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from zoneinfo import ZoneInfo


@lru_cache(maxsize=16)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def day_start(d: date) -> int:
    """Epoch seconds of 00:00 UTC on ``d``."""
    return calendar.timegm(d.timetuple())


_EPOCH = date(1970, 1, 1)
# "HH:MM:SS" of every second of a day: timestamps are formatted by table look-up (the exports hold
# hundreds of millions of them), the date part once per day.
_HMS = [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)]


# Unbounded: the distinct days are those of the customers' history and the window (a few thousand).
@cache
def _day(day_number: int) -> date:
    return _EPOCH + timedelta(days=day_number)


@cache
def _day_text(day_number: int) -> str:
    return _day(day_number).isoformat()


def utc_date(ts: int) -> date:
    return _day(ts // 86400)


@lru_cache(maxsize=65536)
def local_to_ts(d: date, minute: int, tz: str) -> int:
    """Epoch seconds of a site-local wall-clock time (``minute`` after local midnight of ``d``)."""
    local = datetime(d.year, d.month, d.day, tzinfo=zone(tz)) + timedelta(minutes=minute)
    # Adding a timedelta keeps the wall clock; rebuild so the offset is the one valid at that time.
    local = datetime(local.year, local.month, local.day, local.hour, local.minute, tzinfo=zone(tz))
    return int(local.timestamp())


def local_datetime(ts: int, tz: str) -> datetime:
    return datetime.fromtimestamp(ts, zone(tz))


def local_date(ts: int, tz: str) -> date:
    return local_datetime(ts, tz).date()


def iso_z(ts: int) -> str:
    """Amazon Connect CTR style: ``2026-10-12T13:02:11Z``."""
    d, s = divmod(ts, 86400)
    return f"{_day_text(d)}T{_HMS[s]}Z"


def iso_ms(ts: int) -> str:
    """Agent event stream style: ``2026-10-12T13:02:11.000Z``."""
    d, s = divmod(ts, 86400)
    return f"{_day_text(d)}T{_HMS[s]}.000Z"


def sf_ts(ts: int) -> str:
    """Salesforce style: ``2026-10-12T14:03:22.000+0000``."""
    d, s = divmod(ts, 86400)
    return f"{_day_text(d)}T{_HMS[s]}.000+0000"


def plain_utc(ts: int) -> str:
    """``2026-10-12 14:03:22`` (UTC), used in the ground truth."""
    d, s = divmod(ts, 86400)
    return f"{_day_text(d)} {_HMS[s]}"


def plain_local(ts: int, tz: str) -> str:
    """``2026-10-12 09:03:22`` in the given zone."""
    return local_datetime(ts, tz).strftime("%Y-%m-%d %H:%M:%S")


def local_minutes_text(d: date, minute: int) -> str:
    """A site-local wall-clock text for ``minute`` after local midnight of ``d``."""
    return (datetime(d.year, d.month, d.day) + timedelta(minutes=minute)).strftime("%Y-%m-%d %H:%M:%S")
