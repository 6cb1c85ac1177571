"""kpi_queue_interval against the simulator's ground truth, per queue and 15-minute interval, exactly.

The truth counts each leg once in the UTC quarter-hour of its EnqueueTimestamp; the sites' offsets are
whole hours, so those are the warehouse's site-local quarter-hours. The demo build uses the defaults
(interval_minutes 15, threshold 20 s, short abandons <= 5 s).
"""

from __future__ import annotations

from pathlib import Path

COMPARED = "queue_name, interval_start_at, offered, answered, abandoned, answered_within_threshold, short_abandoned"
TRUTH = (
    "queue_name, interval_start_at, offered, answered, abandoned, "
    "answered_within_20s as answered_within_threshold, abandoned_within_5s as short_abandoned"
)


def test_counts_equal_the_truth_in_every_queue_interval(warehouse, ground_truth: Path):
    truth = f"select {TRUTH} from read_csv('{ground_truth / 'queue_intervals.csv'}', header = true)"
    ours = f"select {COMPARED} from marts.kpi_queue_interval where offered > 0"
    only_ours = warehouse.execute(f"select count(*) from ({ours} except all {truth})").fetchone()[0]
    only_truth = warehouse.execute(f"select count(*) from ({truth} except all {ours})").fetchone()[0]
    (rows,) = warehouse.execute(f"select count(*) from ({truth})").fetchone()
    assert rows > 5_000
    assert (only_ours, only_truth) == (0, 0), (
        f"{only_ours} rows differ from the truth, {only_truth} truth rows unmatched"
    )


def test_no_interval_lost_or_doubled(warehouse):
    """Each local day holds exactly its length in intervals (92, 96 or 100), back to back, none twice."""
    bad_days = warehouse.execute(
        """
        select time_zone, local_date, count(*) as intervals
        from intermediate.int_intervals_spined
        group by time_zone, local_date
        having count(*) * 15 * 60 <> date_diff(
            'second',
            timezone('UTC', timezone(time_zone, cast(local_date as timestamp))),
            timezone('UTC', timezone(time_zone, cast(local_date as timestamp) + interval 1 day))
        )
        """
    ).fetchall()
    assert bad_days == []
    gaps = warehouse.execute(
        """
        select count(*) from (
            select
                interval_end_at,
                lead(interval_start_at) over (partition by time_zone order by interval_start_at) as next_start
            from intermediate.int_intervals_spined
        ) where next_start is not null and next_start <> interval_end_at
        """
    ).fetchone()[0]
    assert gaps == 0
    per_day = dict(
        warehouse.execute(
            """
            select time_zone || ' ' || cast(local_date as varchar), count(*)
            from intermediate.int_intervals_spined
            where local_date in ('2026-10-25', '2026-11-01')
            group by all
            """
        ).fetchall()
    )
    assert per_day == {
        "Europe/London 2026-10-25": 100,
        "Europe/London 2026-11-01": 96,
        "America/New_York 2026-10-25": 96,
        "America/New_York 2026-11-01": 100,
    }
    (doubled,) = warehouse.execute(
        """
        select count(*) from (
            select queue_id, interval_start_at from marts.kpi_queue_interval group by all having count(*) > 1
        )
        """
    ).fetchone()
    assert doubled == 0
