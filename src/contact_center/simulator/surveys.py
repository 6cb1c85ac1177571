"""Post-contact surveys in Qualtrics' CSV export shape (three header rows, account-local times).

Scores are driven by how long the customer waited and whether the contact resolved the issue; the
"was it resolved" answer is mostly truthful. Comments are free text, sometimes with a phone or card
number in them, never a name.
"""

from __future__ import annotations

import json
import random

from contact_center.simulator import config as cfg
from contact_center.simulator.customers import Customer
from contact_center.simulator.ids import response_id
from contact_center.simulator.people import card_number
from contact_center.simulator.rand import between, pick
from contact_center.simulator.sinks import DailySink, csv_line
from contact_center.simulator.timeutil import local_date, plain_local

SURVEY_COLUMNS = [
    "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished",
    "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
    "ExternalReference", "LocationLatitude", "LocationLongitude", "DistributionChannel", "UserLanguage",
    "Q1", "Q2", "Q3", "Q4", "Q5", "ContactId", "Channel",
]  # fmt: skip
QUESTION_TEXT = [
    "Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)",
    "Finished", "Recorded Date", "Response ID", "Recipient Last Name", "Recipient First Name",
    "Recipient Email", "External Data Reference", "Location Latitude", "Location Longitude",
    "Distribution Channel", "User Language",
    "Overall, how satisfied were you with your recent contact with us?",
    "How likely are you to recommend us to a friend or colleague?",
    "The company made it easy for me to handle my issue.",
    "Was your issue resolved?",
    "Is there anything else you would like to tell us?",
    "ContactId", "Channel",
]  # fmt: skip
_TZ = json.dumps({"timeZone": cfg.SURVEY_TIME_ZONE}, separators=(",", ":"))[1:-1]
IMPORT_IDS = [
    '{"ImportId":"startDate",' + _TZ + "}", '{"ImportId":"endDate",' + _TZ + "}", '{"ImportId":"status"}',
    '{"ImportId":"ipAddress"}', '{"ImportId":"progress"}', '{"ImportId":"duration"}', '{"ImportId":"finished"}',
    '{"ImportId":"recordedDate",' + _TZ + "}", '{"ImportId":"_recordId"}', '{"ImportId":"recipientLastName"}',
    '{"ImportId":"recipientFirstName"}', '{"ImportId":"recipientEmail"}', '{"ImportId":"externalDataReference"}',
    '{"ImportId":"locationLatitude"}', '{"ImportId":"locationLongitude"}', '{"ImportId":"distributionChannel"}',
    '{"ImportId":"userLanguage"}', '{"ImportId":"QID1"}', '{"ImportId":"QID2"}', '{"ImportId":"QID3"}',
    '{"ImportId":"QID4"}', '{"ImportId":"QID5_TEXT"}', '{"ImportId":"ContactId"}', '{"ImportId":"Channel"}',
]  # fmt: skip
HEADER = [csv_line(SURVEY_COLUMNS), csv_line(QUESTION_TEXT), csv_line(IMPORT_IDS)]

POSITIVE = (
    "The agent was really helpful and sorted it quickly.",
    "Great service, thank you!",
    "Friendly and knowledgeable, issue fixed first time.",
    "Quick answer, no fuss.",
    "Very patient with me, explained everything clearly.",
)
NEUTRAL = (
    "It was ok but took a while to get through.",
    "Fine, although I had to repeat my account details twice.",
    "Agent was nice, the hold music less so.",
    "Resolved in the end, but the wait was long.",
)
NEGATIVE = (
    "Waited far too long and still no fix.",
    "Third time contacting you about this, nothing has changed.",
    "I was transferred around and nobody could help.",
    "Still not resolved. Very disappointed.",
    "You promised a call back that never came.",
)
PHONE_COMMENTS = (
    "Please call me back on {phone}, I could not get through.",
    "Nobody called me back, my number is {phone}",
    "Best number to reach me is {phone}. Thanks",
)
CARD_COMMENTS = (
    "my card {card} was charged twice",
    "You took the payment from {card} two times this month!",
    "Refund the charge on card {card} please",
)
_CITY = {
    "US": ((42.36, -71.06), (40.71, -74.0), (41.88, -87.63)),
    "GB": ((55.86, -4.25), (51.51, -0.13), (53.48, -2.24)),
}


class SurveyWriter:
    def __init__(self, sink: DailySink, rng: random.Random) -> None:
        self.sink = sink
        self.rng = rng

    def respond(
        self,
        *,
        contact_id: str,
        channel: str,
        customer: Customer,
        identified: bool,
        address: str,
        wait: int,
        resolved: bool,
        sent: int,
    ) -> None:
        rng = self.rng
        if channel == "chat":
            start = sent + between(rng, 5, 600)
        elif channel == "voice":
            start = sent + between(rng, 60, 3600) + (between(rng, 3600, 8 * 3600) if rng.random() < 0.3 else 0)
        else:
            start = sent + between(rng, 3600, 30 * 3600)
        duration = between(rng, 25, 420)
        end = start + duration
        recorded = end + between(rng, 0, 3)
        latent = 0.58 + (0.28 if resolved else -0.27) - 0.22 * min(wait / 300.0, 1.5) + rng.gauss(0.0, 0.17)
        csat = min(5, max(1, round(1 + 4 * latent)))
        nps = min(10, max(0, round(10 * latent + rng.gauss(0.0, 1.0))))
        ces = min(7, max(1, round(1 + 6 * latent + rng.gauss(0.0, 0.7))))
        truthful = rng.random() >= 0.12
        q4 = "Yes" if (resolved == truthful) else "No"
        answers: list[str] = [str(csat), str(nps), str(ces), q4, ""]
        if rng.random() < 0.05:
            answers[2] = ""
        if rng.random() < 0.03:
            answers[3] = ""
        if rng.random() < 0.42:
            answers[4] = self._comment(latent, customer, sent)
        progress, finished = 100, "1"
        if rng.random() < 0.04:
            progress, finished = pick(rng, (20, 40, 60, 80)), "0"
            keep = progress // 20
            answers = [a if i < keep else "" for i, a in enumerate(answers)]
        if channel == "voice":
            distribution = "anonymous" if address == "anonymous" else "sms"
            last = first = email = ""
        else:
            distribution, email = "email", address
            last, first = (customer.last, customer.first) if identified else ("", "")
        lat, lon = pick(rng, _CITY[customer.country])
        row = [
            plain_local(start, cfg.SURVEY_TIME_ZONE),
            plain_local(end, cfg.SURVEY_TIME_ZONE),
            "IP Address",
            self._ip(),
            str(progress),
            str(duration),
            finished,
            plain_local(recorded, cfg.SURVEY_TIME_ZONE),
            response_id(rng),
            last,
            first,
            email,
            customer.sf_id if identified else "",
            f"{lat + rng.uniform(-0.2, 0.2):.4f}",
            f"{lon + rng.uniform(-0.2, 0.2):.4f}",
            distribution,
            "EN" if customer.country == "US" else "EN-GB",
            *answers,
            contact_id,
            channel,
        ]
        # The export's day is the survey account's local date (the file day rule then applies to it).
        self.sink.add(local_date(recorded, cfg.SURVEY_TIME_ZONE), (recorded, row[8]), csv_line(row))

    def _ip(self) -> str:
        net = pick(self.rng, ("192.0.2", "198.51.100", "203.0.113"))
        return f"{net}.{between(self.rng, 1, 255)}"

    def _comment(self, latent: float, customer: Customer, t: int) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.05:
            v = customer.at(t)
            phone = v.mobile_text or v.phone_text
            if phone:
                return pick(rng, PHONE_COMMENTS).format(phone=phone)
        elif r < 0.08:
            return pick(rng, CARD_COMMENTS).format(card=card_number(rng))
        pool = POSITIVE if latent > 0.7 else (NEUTRAL if latent > 0.45 else NEGATIVE)
        text = pick(rng, pool)
        if rng.random() < 0.08:
            text += "\n" + pick(rng, ("Thanks, anyway.", "Please fix your website, too.", 'They said "soon", again.'))
        return text
