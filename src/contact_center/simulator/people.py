"""Names, e-mail addresses and telephone numbers.

Telephone numbers come from ranges reserved for fiction: North American ``555-0100``–``555-0199``
numbers and Ofcom's drama ranges (``020 7946 0xxx``, ``0113 496 0xxx``, ``07700 900xxx`` ...). A
number is kept as its groups (``("617", "555", "0142")``) and rendered in the E.164 form telephony
systems use or in one of the ways people type it into a CRM.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Callable

from contact_center.luhn import luhn_check_digit

# fmt: off
US_FIRST = (
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
    "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Christopher",
    "Karen", "Charles", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Sandra", "Mark",
    "Margaret", "Donald", "Ashley", "Steven", "Kimberly", "Andrew", "Emily", "Paul", "Donna", "Joshua",
    "Michelle", "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "Timothy", "Deborah", "Ronald",
    "Stephanie", "Jason", "Rebecca", "Jeffrey", "Laura", "Ryan", "Sharon", "Jacob", "Cynthia", "Gary",
    "Kathleen", "Nicholas", "Amy", "Eric", "Angela", "Jonathan", "Shirley", "Luis", "Maria", "Carlos",
    "Ana", "Jose", "Rosa", "Wei", "Mei", "Priya", "Raj", "Aisha", "Omar", "Keisha", "Andre",
)
US_LAST = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
    "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson",
    "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis",
    "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill",
    "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter",
    "Roberts", "Chen", "Patel", "Sullivan", "O'Brien", "Murphy", "Kelly", "Cohen", "Kowalski", "Russo",
)
GB_FIRST = (
    "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Mia", "Jacob", "Isabella", "Noah",
    "Sophia", "Charlie", "Grace", "Thomas", "Lily", "Oscar", "Freya", "William", "Emily", "James", "Ella",
    "Alfie", "Poppy", "Callum", "Eilidh", "Fraser", "Isla", "Euan", "Ailsa", "Ruaridh", "Morag", "Hamish",
    "Catriona", "Angus", "Fiona", "Niamh", "Siobhan", "Rhys", "Cerys", "Aled", "Bethan", "Mohammed",
    "Fatima", "Arjun", "Anjali", "Tomasz", "Zofia", "David", "Sarah", "Andrew", "Claire", "Stuart",
    "Gillian", "Graham", "Karen", "Iain", "Lorna",
)
GB_LAST = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robertson", "Wright",
    "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
    "Campbell", "Stewart", "Anderson", "MacDonald", "Scott", "Reid", "Murray", "Ross", "Paterson",
    "Fraser", "Mackenzie", "McLean", "Kerr", "Watson", "Morrison", "Hughes", "Edwards", "Khan", "Ali",
    "Singh", "Patel", "Nowak", "O'Neill", "Doyle", "Gallagher", "Kaur", "Hussain", "Begum", "Baird",
    "Sinclair", "Henderson", "Cameron", "Grant", "Duncan",
)

EMAIL_DOMAINS = ("example.com", "example.net", "example.org", "mail.example.com", "post.example.net")

US_AREA_CODES = (
    "617", "508", "781", "857", "978", "413", "774", "339", "351", "212", "646", "718", "917", "347",
    "929", "203", "475", "860", "401", "603", "802", "207", "201", "551", "732", "848", "908", "973",
    "862", "609", "856", "215", "267", "610", "484", "412", "717", "570", "814", "724", "302", "410",
    "443", "240", "301", "202", "571", "703", "804", "757", "919", "704", "980", "404", "470", "678",
    "770", "305", "786", "954", "407", "321", "813", "727", "312", "773", "872", "708", "847", "224",
    "630", "313", "248", "734", "216", "440", "614", "513", "317", "414", "612", "651", "314", "816",
    "713", "281", "832", "214", "972", "469", "512", "737", "210", "303", "720", "602", "480", "702",
    "801", "206", "425", "253", "503", "971", "415", "510", "408", "650", "925", "916", "213", "310",
    "323", "424", "818", "626", "619", "858", "949", "714",
)
# Area codes no customer's number uses: callers ringing from a number that is not on file.
US_UNLISTED_AREA_CODES = ("209", "341", "530", "559", "661", "707", "760", "805", "831", "909", "951")
GB_LANDLINE_AREAS = (
    ("20", "7946"), ("113", "496"), ("114", "496"), ("115", "496"), ("116", "496"), ("117", "496"),
    ("118", "496"), ("121", "496"), ("131", "496"), ("141", "496"), ("151", "496"), ("161", "496"),
)
# fmt: on
GB_UNLISTED_AREAS = (("191", "498"), ("1632", "960"))
GB_MOBILE_PREFIX = ("7700", "900")

Phone = tuple[str, ...]


def _us_number(area_codes: tuple[str, ...], i: int) -> Phone:
    line, area = divmod(i, len(area_codes))
    return (area_codes[area], "555", f"{100 + line:04d}")  # lines beyond 0199 only at large scales


def _gb_landline(areas: tuple[tuple[str, str], ...], i: int) -> Phone:
    line, k = divmod(i, len(areas))
    return (*areas[k], f"{line:04d}")


def _gb_mobile(i: int) -> Phone:
    return (GB_MOBILE_PREFIX[0], f"{int(GB_MOBILE_PREFIX[1]) + i // 1000}{i % 1000:03d}")


class NumberPool:
    """Hands out unique fictional numbers in a shuffled but deterministic order (kept as positions in the
    range's own order, so a large pool is an array of integers, not of numbers)."""

    def __init__(self, rng: random.Random, country: str, kind: str, needed: int, unlisted: bool = False) -> None:
        if country == "US":
            codes = US_UNLISTED_AREA_CODES if unlisted else US_AREA_CODES
            size = 9900 * len(codes)
            self._make: Callable[[int], Phone] = lambda i: _us_number(codes, i)
        elif kind == "mobile":
            size = 100 * 1000
            self._make = _gb_mobile
        else:
            areas = GB_UNLISTED_AREAS if unlisted else GB_LANDLINE_AREAS
            size = 10000 * len(areas)
            self._make = lambda i: _gb_landline(areas, i)
        order = list(range(min(max(needed, 1), size)))
        rng.shuffle(order)
        self._order = array("i", order)
        self._pos = 0

    def take(self) -> Phone:
        number = self._make(self._order[self._pos % len(self._order)])
        self._pos += 1
        return number


def e164(country: str, phone: Phone) -> str:
    return ("+1" if country == "US" else "+44") + "".join(phone)


def typed(country: str, phone: Phone, style: int) -> str:
    """The number as someone typed it into the CRM (one of the contract's documented styles)."""
    if country == "US":
        area, exchange, line = phone
        return (f"({area}) {exchange}-{line}", f"{area}-{exchange}-{line}", f"+1 {area} {exchange} {line}")[style % 3]
    groups = " ".join(phone)
    return (f"+44 {groups}", f"+44 (0){groups}")[style % 2]


def card_number(rng: random.Random) -> str:
    """A Luhn-valid 16-digit test card number, grouped the way people write it."""
    prefix = rng.choice(("4111", "4000", "5555", "5105", "4242"))
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(11))
    number = body + luhn_check_digit(body)
    style = rng.randrange(3)
    if style == 0:
        return " ".join(number[i : i + 4] for i in range(0, 16, 4))
    if style == 1:
        return "-".join(number[i : i + 4] for i in range(0, 16, 4))
    return number
