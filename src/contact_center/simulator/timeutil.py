"""Timestamps: the simulation clock is integer seconds since the Unix epoch (UTC)."""

from __future__ import annotations

import calendar
import time
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo


@lru_cache(maxsize=16)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def day_start(d: date) -> int:
    """Epoch seconds of 00:00 UTC on ``d``."""
    return calendar.timegm(d.timetuple())


def utc_date(ts: int) -> date:
    t = time.gmtime(ts)
    return date(t.tm_year, t.tm_mon, t.tm_mday)


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
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def iso_ms(ts: int) -> str:
    """Agent event stream style: ``2026-10-12T13:02:11.000Z``."""
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(ts))


def sf_ts(ts: int) -> str:
    """Salesforce style: ``2026-10-12T14:03:22.000+0000``."""
    return time.strftime("%Y-%m-%dT%H:%M:%S.000+0000", time.gmtime(ts))


def plain_utc(ts: int) -> str:
    """``2026-10-12 14:03:22`` (UTC), used in the ground truth."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(ts))


def plain_local(ts: int, tz: str) -> str:
    """``2026-10-12 09:03:22`` in the given zone."""
    return local_datetime(ts, tz).strftime("%Y-%m-%d %H:%M:%S")


def local_minutes_text(d: date, minute: int) -> str:
    """A site-local wall-clock text for ``minute`` after local midnight of ``d``."""
    return (datetime(d.year, d.month, d.day) + timedelta(minutes=minute)).strftime("%Y-%m-%d %H:%M:%S")
