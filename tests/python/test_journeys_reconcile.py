"""Journeys, identity and FCR reconciled against the simulator's ground truth on the default demo data.

The true journey of a contact is its true issue, split wherever two consecutive contacts of the issue are
more than the journey window apart: the same rule the warehouse applies, on the true customer and issue
instead of the ones it has to infer. Identity and issue matching are what is being tested.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

WINDOW_DAYS = 7  # dbt var journey_window_days (default)


@pytest.fixture(scope="module")
def reconciled(published: Path, ground_truth: Path):
    """Temp tables in a read-only session of its own: `r` holds one row per true contact with both answers."""
    warehouse = duckdb.connect(str(published), read_only=True)
    warehouse.execute(
        f"""
        create or replace temp table true_contacts as
        with ordered as (
            select *, lag(started_at) over (partition by issue_id order by started_at, contact_id) as previous_at
            from read_csv('{ground_truth / "contacts.csv"}', header = true)
        ),
        flagged as (
            select *,
                case when previous_at is not null and started_at <= previous_at + interval {WINDOW_DAYS} day
                    then 0 else 1 end as opens_journey
            from ordered
        )
        select *,
            issue_id || '#' || sum(opens_journey) over (
                partition by issue_id order by started_at, contact_id rows unbounded preceding
            ) as true_journey_id
        from flagged
        """
    )
    warehouse.execute(
        """
        create or replace temp table r as
        select
            t.contact_id, t.customer_id as true_customer_id, t.true_journey_id, t.identifier_in_data,
            t.identifier_ambiguous, t.withheld,
            f.customer_id, f.journey_id, f.match_method
        from true_contacts as t
        full outer join marts.fct_contacts as f on t.contact_id = f.contact_id
        """
    )
    yield warehouse
    warehouse.close()


def test_every_true_contact_is_one_contact_in_the_warehouse(reconciled):
    missing, extra, total = reconciled.execute(
        """
        select count(*) filter (where journey_id is null), count(*) filter (where true_journey_id is null), count(*)
        from r
        """
    ).fetchone()
    assert (missing, extra) == (0, 0), f"{missing} true contacts missing, {extra} contacts not in the truth"
    assert total > 50_000


def test_no_contact_is_given_the_wrong_customer(reconciled):
    (wrong,) = reconciled.execute(
        "select count(*) from r where customer_id is not null and customer_id <> true_customer_id"
    ).fetchone()
    assert wrong == 0


def test_contacts_placed_in_their_true_journey(reconciled):
    """Pairwise precision and recall over contacts whose own records carry an identifier (not ambiguous)."""
    predicted, true, both = reconciled.execute(
        """
        with s as (
            select * from r where identifier_in_data <> 'none' and not identifier_ambiguous
        ),
        predicted as (
            select a.contact_id as a, b.contact_id as b
            from s as a inner join s as b on a.journey_id = b.journey_id and a.contact_id < b.contact_id
        ),
        true_pairs as (
            select a.contact_id as a, b.contact_id as b
            from s as a inner join s as b on a.true_journey_id = b.true_journey_id and a.contact_id < b.contact_id
        )
        select
            (select count(*) from predicted),
            (select count(*) from true_pairs),
            (select count(*) from predicted inner join true_pairs using (a, b))
        """
    ).fetchone()
    precision, recall = both / predicted, both / true
    print(f"journey pairs: predicted {predicted}, true {true}, precision {precision:.4f}, recall {recall:.4f}")
    assert true > 10_000, "the demo data holds repeats to reconcile"
    assert precision >= 0.99
    assert recall >= 0.99


def test_operational_fcr_matches_the_true_rate(reconciled):
    """FCR over the journeys of identified contacts, against the true FCR of the same contacts' true journeys.

    Contacts the data cannot identify are journeys of their own in the warehouse and carry no FCR; the true
    rate is therefore taken over the identified contacts (the all-contacts rate is printed for the record).
    """
    ours, true_identified, true_all = reconciled.execute(
        f"""
        with ours as (
            select avg(case when is_first_contact_resolution then 1.0 else 0.0 end) as rate
            from marts.fct_journeys where is_first_contact_resolution is not null
        ),
        observed as (
            select max(started_at) - interval {WINDOW_DAYS} day as last_elapsed_start from true_contacts
        ),
        identified as (
            select t.* from true_contacts as t inner join r using (contact_id) where r.customer_id is not null
        ),
        reflagged as (
            select *,
                case when lag(started_at) over (partition by issue_id order by started_at, contact_id)
                    + interval {WINDOW_DAYS} day >= started_at then 0 else 1 end as opens_journey
            from identified
        ),
        regrouped as (
            select started_at, issue_id || '#' || sum(opens_journey) over (
                partition by issue_id order by started_at, contact_id rows unbounded preceding
            ) as journey
            from reflagged
        ),
        -- A single-contact journey counts once its window has elapsed within the data, as in the warehouse.
        true_identified as (
            select avg(case when contacts = 1 then 1.0 else 0.0 end) as rate
            from (select journey, count(*) as contacts, min(started_at) as first_at from regrouped group by journey)
            where contacts > 1 or first_at <= (select last_elapsed_start from observed)
        ),
        true_all as (
            select avg(case when contacts = 1 then 1.0 else 0.0 end) as rate
            from (
                select true_journey_id, count(*) as contacts, min(started_at) as first_at
                from true_contacts group by true_journey_id
            )
            where contacts > 1 or first_at <= (select last_elapsed_start from observed)
        )
        select ours.rate, true_identified.rate, true_all.rate from ours, true_identified, true_all
        """
    ).fetchone()
    print(f"operational FCR: warehouse {ours:.4f}, true (identified) {true_identified:.4f}, true (all) {true_all:.4f}")
    assert abs(ours - true_identified) <= 0.005


def test_unidentifiable_contacts_are_counted_not_guessed(reconciled):
    rows = reconciled.execute(
        "select match_method, count(*) from r group by match_method order by match_method"
    ).fetchall()
    print("contacts by match method:", dict(rows))
    counts = dict(rows)
    assert counts.get("unmatched", 0) > 0 and counts.get("ambiguous", 0) > 0
    (guessed,) = reconciled.execute(
        "select count(*) from r where match_method in ('unmatched', 'ambiguous') and customer_id is not null"
    ).fetchone()
    assert guessed == 0
    (ambiguous_guessed,) = reconciled.execute(
        """
        select count(*) from r
        where identifier_ambiguous and identifier_in_data = 'phone' and match_method = 'phone'
        """
    ).fetchone()
    assert ambiguous_guessed == 0, "a shared phone number must never pick one of its customers"


def test_handle_time_is_counted_once(warehouse, ground_truth: Path):
    legs, contacts, truth = warehouse.execute(
        f"""
        select
            (select sum(handle_seconds) from marts.fct_contact_legs),
            (select sum(handle_seconds) from marts.fct_contacts),
            (select sum(handle_seconds) from read_csv('{ground_truth / "legs.csv"}', header = true))
        """
    ).fetchone()
    assert legs == contacts == truth
