"""Amazon Connect contact trace records (one JSON object per contact leg)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from contact_center.simulator import config as cfg
from contact_center.simulator.timeutil import iso_z

if TYPE_CHECKING:
    from contact_center.simulator.entities import Leg


def ctr_record(
    leg: Leg, last_update: int, with_acw: bool, queue_arns: list[str], system_numbers: list[str]
) -> dict[str, Any]:
    """The CTR of ``leg`` as delivered at ``last_update``; without the after-contact-work fields when
    ``with_acw`` is False (the first, incomplete delivery of a re-delivered record)."""
    contact = leg.contact
    first = contact.legs[0]
    voice = contact.channel == "voice"
    qi = leg.queue if leg.enqueue is not None else None
    rec: dict[str, Any] = {
        "ContactId": leg.leg_id,
        "InitialContactId": None if leg is first else first.leg_id,
        "PreviousContactId": leg.prev.leg_id if leg.prev is not None else None,
        "NextContactId": leg.next.leg_id if leg.next is not None else None,
        "Channel": "VOICE" if voice else "CHAT",
        "InitiationMethod": leg.method,
        "InitiationTimestamp": iso_z(leg.initiation),
        "DisconnectTimestamp": iso_z(leg.disconnect),
        "LastUpdateTimestamp": iso_z(last_update),
        "DisconnectReason": leg.reason,
        "CustomerEndpoint": {"Type": "TELEPHONE_NUMBER", "Address": contact.ani} if voice else None,
        "SystemEndpoint": (
            {"Type": "TELEPHONE_NUMBER", "Address": system_numbers[contact.entry_queue]} if voice else None
        ),
        "Queue": None,
        "Agent": None,
        "Attributes": contact.attributes(leg),
    }
    if qi is not None:
        rec["Queue"] = {
            "Name": cfg.QUEUES[qi].name,
            "ARN": queue_arns[qi],
            "EnqueueTimestamp": iso_z(leg.enqueue),
            "DequeueTimestamp": iso_z(leg.dequeue),
            "Duration": leg.dequeue - leg.enqueue,
        }
    if leg.connected is not None and leg.agent is not None:
        agent: dict[str, Any] = {
            "Username": leg.agent.info.username,
            "ARN": leg.agent.info.arn,
            "ConnectedToAgentTimestamp": iso_z(leg.connected),
            "AgentInteractionDuration": leg.talk,
            "CustomerHoldDuration": leg.hold,
            "NumberOfHolds": leg.n_holds,
            "LongestHoldDuration": leg.longest_hold,
        }
        if with_acw:
            agent["AfterContactWorkStartTimestamp"] = iso_z(leg.disconnect)
            agent["AfterContactWorkEndTimestamp"] = iso_z(leg.acw_end)
            agent["AfterContactWorkDuration"] = leg.acw_end - leg.disconnect
        rec["Agent"] = agent
    return rec


def dumps(rec: dict[str, Any]) -> str:
    return json.dumps(rec, separators=(",", ":"))
