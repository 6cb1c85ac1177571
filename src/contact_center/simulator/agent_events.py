"""The Amazon Connect agent event stream: one JSON object per event, with the agent's current and
previous snapshot (status, configuration, contacts). Snapshots are built as compact JSON text."""

from __future__ import annotations

import json
import random
from typing import TYPE_CHECKING

from contact_center.simulator import config as cfg
from contact_center.simulator.rand import new_uuid
from contact_center.simulator.sinks import DailySink
from contact_center.simulator.timeutil import iso_ms, utc_date

if TYPE_CHECKING:
    from contact_center.simulator.entities import AgentState

STATUS_TYPE = {
    "Available": "ROUTABLE",
    "Break": "CUSTOM",
    "Lunch": "CUSTOM",
    "Training": "CUSTOM",
    "Meeting": "CUSTOM",
    "Offline": "OFFLINE",
}
HEARTBEAT_AFTER = 3600  # a heartbeat after an hour without any other event (kept lean)


def configuration_json(username: str, first: str, last: str, routing_profile: str) -> str:
    return json.dumps(
        {"Username": username, "FirstName": first, "LastName": last, "RoutingProfile": {"Name": routing_profile}},
        separators=(",", ":"),
    )


class AgentEventWriter:
    def __init__(self, sink: DailySink, instance_arn: str, rng: random.Random) -> None:
        self.sink = sink
        self.instance_arn = instance_arn
        self.rng = rng
        self.seq = 0

    def snapshot(self, agent: AgentState) -> str:
        """The agent's snapshot now (the last one made again while the agent's state is the same)."""
        key = (agent.status, agent.status_start, agent.leg, agent.cstate, agent.cstate_start)
        if key == agent.snapshot_key:
            return agent.snapshot
        agent.snapshot_key = key
        agent.snapshot = self._snapshot(agent)
        return agent.snapshot

    def _snapshot(self, agent: AgentState) -> str:
        contacts = ""
        leg = agent.leg
        if leg is not None and agent.cstate is not None:
            contacts = (
                f'{{"ContactId":"{leg.leg_id}","Channel":"{"VOICE" if leg.contact.channel == "voice" else "CHAT"}",'
                f'"State":"{agent.cstate}","StateStartTimestamp":"{iso_ms(agent.cstate_start)}",'
                f'"QueueName":"{cfg.QUEUES[leg.queue].name}"}}'
            )
        return (
            f'{{"AgentStatus":{{"Name":"{agent.status}","Type":"{STATUS_TYPE[agent.status]}",'
            f'"StartTimestamp":"{iso_ms(agent.status_start)}"}},"Configuration":{agent.config_json},'
            f'"Contacts":[{contacts}]}}'
        )

    def emit(self, agent: AgentState, event_type: str, ts: int, previous: str, duplicate: bool = False) -> None:
        """An event at ``ts`` whose current snapshot is the agent's state now. Changes of one agent in the
        same second (clearing a contact and taking the next, coming back from a break straight onto a
        waiting call) become one event."""
        current = self.snapshot(agent)
        buffered = agent.buffered
        if buffered is not None:
            b_type, b_ts, b_previous, _, b_dup = buffered
            if b_ts == ts:
                if event_type not in ("LOGIN", "LOGOUT"):
                    event_type = b_type if b_type in ("LOGIN", "LOGOUT") else event_type
                agent.buffered = (event_type, ts, b_previous, current, b_dup or duplicate)
                return
            self._commit(agent, buffered)
        agent.buffered = (event_type, ts, previous, current, duplicate)

    def close_day(self, agents: list[AgentState], end: int) -> None:
        """At the end of a day (``end``, a UTC midnight): write every buffered event and the heartbeats
        due before ``end``, so that the day's file does not wait for an agent's next event."""
        for agent in agents:
            buffered = agent.buffered
            if buffered is not None:
                self._commit(agent, buffered)
                agent.buffered = None
            self._heartbeats(agent, end)

    def _heartbeats(self, agent: AgentState, before: int) -> None:
        if agent.last_event_ts and agent.last_event_type != "LOGOUT":
            hb = agent.next_heartbeat
            while hb < before:
                self._write(agent, "HEART_BEAT", hb, agent.last_snapshot, agent.last_snapshot, False)
                hb += HEARTBEAT_AFTER
            agent.next_heartbeat = hb

    def _commit(self, agent: AgentState, event: tuple[str, int, str, str, bool]) -> None:
        event_type, ts, previous, current, duplicate = event
        self._heartbeats(agent, ts)
        self._write(agent, event_type, ts, current, previous, duplicate)
        agent.last_event_ts = ts
        agent.next_heartbeat = ts + HEARTBEAT_AFTER
        agent.last_event_type = event_type
        agent.last_snapshot = current

    def _write(self, agent: AgentState, event_type: str, ts: int, current: str, previous: str, dup: bool) -> None:
        event_id = new_uuid(self.rng)
        line = (
            f'{{"EventId":"{event_id}","EventType":"{event_type}","EventTimestamp":"{iso_ms(ts)}",'
            f'"AgentARN":"{agent.info.arn}","InstanceARN":"{self.instance_arn}","Version":"2019-05-25",'
            f'"CurrentAgentSnapshot":{current},"PreviousAgentSnapshot":{previous}}}'
        )
        self.seq += 1
        day = utc_date(ts)
        if self.sink.add(day, (ts, agent.idx, self.seq), line) and dup:
            self.sink.add(day, (ts, agent.idx, self.seq), line, superseding=True)
