"""QA evaluations in the shape of Amazon Connect evaluation forms: weighted questions, one auto-fail
question, not-applicable answers, and the vendor's total computed the way Connect does it."""

from __future__ import annotations

import json
import random
from typing import TYPE_CHECKING, Any

from contact_center.simulator.rand import between, new_uuid, pick
from contact_center.simulator.sinks import DailySink
from contact_center.simulator.timeutil import iso_z, utc_date

if TYPE_CHECKING:
    from contact_center.simulator.entities import Leg

# (QuestionRefId, weight %, is auto-fail, not-applicable rule)
FORMS: dict[str, tuple[str, tuple[tuple[str, int, bool, str], ...]]] = {
    "voice": (
        "Voice Quality Form v3",
        (
            ("greeting", 10, False, ""),
            ("identity_verification", 15, True, ""),
            ("empathy", 15, False, ""),
            ("discovery", 15, False, ""),
            ("resolution", 20, False, ""),
            ("hold_etiquette", 10, False, "no_hold"),
            ("transfer_handling", 5, False, "no_transfer"),
            ("closing", 10, False, ""),
        ),
    ),
    "chat": (
        "Chat Quality Form v2",
        (
            ("greeting", 10, False, ""),
            ("identity_verification", 15, True, ""),
            ("empathy", 15, False, ""),
            ("discovery", 15, False, ""),
            ("resolution", 25, False, ""),
            ("transfer_handling", 5, False, "no_transfer"),
            ("written_style", 15, False, ""),
        ),
    ),
}
EVALUATORS = {"BOS": ("qa.jordan.ellis", "qa.priya.raman"), "GLA": ("qa.morag.fraser", "qa.tom.kowalski")}


def score_percentage(answers: list[dict[str, Any]]) -> float:
    """Connect-style total: 0 when an auto-fail question fails; N/A questions leave the weights."""
    if any(a["AutoFailTriggered"] for a in answers):
        return 0.0
    applicable = [a for a in answers if not a["NotApplicable"]]
    weight = sum(a["Weight"] for a in applicable)
    if weight == 0:
        return 0.0
    return round(sum(a["Weight"] * a["Score"] for a in applicable) / weight, 2)


class EvaluationWriter:
    def __init__(self, sink: DailySink, rng: random.Random) -> None:
        self.sink = sink
        self.rng = rng

    def evaluate(self, leg: Leg) -> None:
        rng = self.rng
        agent = leg.agent
        assert agent is not None and leg.acw_end is not None
        delay = between(rng, 2 * 3600, 20 * 3600) if rng.random() < 0.15 else between(rng, 86400, 6 * 86400)
        submitted = leg.acw_end + delay
        title, questions = FORMS[leg.contact.channel]
        answers = []
        for ref, weight, auto_fail, na_rule in questions:
            not_applicable = (na_rule == "no_hold" and leg.n_holds == 0) or (
                na_rule == "no_transfer" and leg.next is None and leg.prev is None
            )
            triggered = False
            if not_applicable:
                score = None
            elif auto_fail:
                triggered = rng.random() < 0.035 / agent.info.quality
                score = 0 if triggered else 100
            else:
                level = 0.72 * agent.info.quality + rng.gauss(0.0, 0.18)
                score = min(100, max(0, 25 * round(4 * level)))
            answers.append(
                {
                    "QuestionRefId": ref,
                    "Weight": weight,
                    "Score": score,
                    "NotApplicable": not_applicable,
                    "IsAutoFail": auto_fail,
                    "AutoFailTriggered": triggered,
                }
            )
        site = agent.info.site
        record = {
            "EvaluationId": new_uuid(rng),
            "EvaluationFormTitle": title,
            "ContactId": leg.leg_id,
            "AgentUsername": agent.info.username,
            "EvaluatorUsername": pick(rng, EVALUATORS[site]),
            "SubmittedTimestamp": iso_z(submitted),
            "ScorePercentage": score_percentage(answers),
            "Answers": answers,
        }
        line = json.dumps(record, separators=(",", ":"))
        self.sink.add(utc_date(submitted), (submitted, record["EvaluationId"]), line)
