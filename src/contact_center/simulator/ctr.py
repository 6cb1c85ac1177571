"""Amazon Connect contact trace records (one JSON object per contact leg).

A CTR line is written straight as text, exactly as ``json.dumps(record, separators=(",", ":"))`` would
write the record (same keys, order and escaping; ``tests/python/test_simulator.py`` holds every line to
that): there are tens of millions of them in a year's exports, and building a dict to dump each one took
most of their cost.
"""

from __future__ import annotations

from json.encoder import encode_basestring_ascii as _text
from typing import TYPE_CHECKING

from contact_center.simulator import config as cfg
from contact_center.simulator.timeutil import iso_z

if TYPE_CHECKING:
    from contact_center.simulator.entities import Leg

_QUEUE_NAMES = [_text(q.name) for q in cfg.QUEUES]


def ctr_line(leg: Leg, last_update: int, with_acw: bool, queue_arns: list[str], system_numbers: list[str]) -> str:
    """The CTR of ``leg`` as delivered at ``last_update``; without the after-contact-work fields when
    ``with_acw`` is False (the first, incomplete delivery of a re-delivered record)."""
    contact = leg.contact
    first = contact.legs[0]
    voice = contact.channel == "voice"
    initial = "null" if leg is first else f'"{first.leg_id}"'
    previous = f'"{leg.prev.leg_id}"' if leg.prev is not None else "null"
    following = f'"{leg.next.leg_id}"' if leg.next is not None else "null"
    if voice:
        endpoints = (
            f'"CustomerEndpoint":{{"Type":"TELEPHONE_NUMBER","Address":{_text(contact.ani)}}},'
            f'"SystemEndpoint":{{"Type":"TELEPHONE_NUMBER","Address":{_text(system_numbers[contact.entry_queue])}}}'
        )
    else:
        endpoints = '"CustomerEndpoint":null,"SystemEndpoint":null'
    queue = "null"
    if leg.enqueue is not None:
        qi = leg.queue
        dequeue = leg.dequeue
        assert dequeue is not None
        queue = (
            f'{{"Name":{_QUEUE_NAMES[qi]},"ARN":"{queue_arns[qi]}","EnqueueTimestamp":"{iso_z(leg.enqueue)}",'
            f'"DequeueTimestamp":"{iso_z(dequeue)}","Duration":{dequeue - leg.enqueue}}}'
        )
    agent = "null"
    if leg.connected is not None and leg.agent is not None:
        info = leg.agent.info
        acw = ""
        if with_acw:
            assert leg.acw_end is not None
            acw = (
                f',"AfterContactWorkStartTimestamp":"{iso_z(leg.disconnect)}",'
                f'"AfterContactWorkEndTimestamp":"{iso_z(leg.acw_end)}",'
                f'"AfterContactWorkDuration":{leg.acw_end - leg.disconnect}'
            )
        agent = (
            f'{{"Username":{_text(info.username)},"ARN":{_text(info.arn)},'
            f'"ConnectedToAgentTimestamp":"{iso_z(leg.connected)}","AgentInteractionDuration":{leg.talk},'
            f'"CustomerHoldDuration":{leg.hold},"NumberOfHolds":{leg.n_holds},'
            f'"LongestHoldDuration":{leg.longest_hold}{acw}}}'
        )
    attributes = ",".join(f"{_text(k)}:{_text(v)}" for k, v in contact.attributes(leg).items())
    return (
        f'{{"ContactId":"{leg.leg_id}","InitialContactId":{initial},"PreviousContactId":{previous},'
        f'"NextContactId":{following},"Channel":"{"VOICE" if voice else "CHAT"}",'
        f'"InitiationMethod":{_text(leg.method)},"InitiationTimestamp":"{iso_z(leg.initiation)}",'
        f'"DisconnectTimestamp":"{iso_z(leg.disconnect)}","LastUpdateTimestamp":"{iso_z(last_update)}",'
        f'"DisconnectReason":{_text(leg.reason)},{endpoints},"Queue":{queue},"Agent":{agent},'
        f'"Attributes":{{{attributes}}}}}'
    )
