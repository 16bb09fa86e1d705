"""The institution's catalog: programs and their stacks, funders and partner employers.

The catalog is fixed (the same for every seed) because a real institution's catalog
changes slowly and loader tests are easier to read against known program ids. Only the
employers that are *not* partners (the rest of the regional labour market, seen through UI
wage records) are drawn from the seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Occupation:
    """A SOC 2018 occupation as hires report it: a job title and a local hourly wage band."""

    soc_code: str
    titles: tuple[str, ...]
    hourly_low: float
    hourly_high: float


OCCUPATIONS: dict[str, Occupation] = {
    o.soc_code: o
    for o in (
        Occupation("15-1232", ("IT Support Technician", "Help Desk Analyst"), 21.0, 29.0),
        Occupation("15-1212", ("Information Security Analyst", "SOC Analyst I"), 32.0, 45.0),
        Occupation("15-1244", ("Systems Administrator", "Network Administrator"), 30.0, 42.0),
        Occupation("15-1211", ("Computer Systems Analyst",), 33.0, 45.0),
        Occupation("51-4041", ("Machinist", "CNC Machinist"), 22.0, 30.0),
        Occupation("51-9161", ("CNC Operator",), 20.0, 27.0),
        Occupation("17-3026", ("Manufacturing Technician",), 24.0, 32.0),
        Occupation("49-9041", ("Maintenance Mechanic", "Industrial Mechanic"), 25.0, 34.0),
        Occupation("49-9071", ("Maintenance Technician",), 20.0, 27.0),
        Occupation("31-9097", ("Phlebotomist", "Phlebotomy Technician"), 19.0, 24.0),
        Occupation("31-9092", ("Medical Assistant", "Clinical Medical Assistant"), 18.0, 23.0),
        Occupation("31-1131", ("Certified Nursing Assistant", "Patient Care Aide"), 17.0, 21.0),
        Occupation("53-3032", ("CDL-A Driver", "Truck Driver"), 24.0, 32.0),
        Occupation("51-4121", ("Welder", "Welder/Fabricator"), 21.0, 29.0),
        Occupation("39-9011", ("Childcare Worker",), 16.0, 19.0),
        Occupation("25-2011", ("Preschool Teacher",), 18.0, 23.0),
        # Off-target jobs a completer may take instead (they exercise `in_field_rate`).
        Occupation("43-4051", ("Customer Service Representative",), 17.0, 21.0),
        Occupation("53-7062", ("Warehouse Associate",), 17.0, 20.0),
        Occupation("41-2031", ("Sales Associate",), 16.0, 19.0),
        Occupation("43-6014", ("Administrative Assistant",), 18.0, 22.0),
    )
}
OFF_TARGET_SOCS: tuple[str, ...] = ("43-4051", "53-7062", "41-2031", "43-6014")


@dataclass(frozen=True)
class Program:
    """One catalog program, plus the simulation's view of it (how people move through it)."""

    program_id: str
    name: str
    credential_type: str
    cip_code: str
    soc_codes: tuple[str, ...]
    nominal_weeks: int
    stacks_into: str | None
    funder_ids: tuple[str, ...]
    partner_ids: tuple[str, ...]
    credential_name: str
    courses: tuple[str, ...]
    entry_weight: float  # relative share of first enrolments
    modalities: tuple[tuple[str, float], ...]
    badge_share: float  # share of awards that carry an Open Badges link

    @property
    def is_apprenticeship(self) -> bool:
        return self.credential_type == "apprenticeship"


_CLASSROOM = (("in_person", 0.45), ("hybrid", 0.30), ("online", 0.25))
_ONLINE_FIRST = (("online", 0.50), ("hybrid", 0.30), ("in_person", 0.20))
_SHOP = (("in_person", 0.80), ("hybrid", 0.20))
_WORK = (("work_based", 1.0),)

PROGRAMS: tuple[Program, ...] = (
    Program("ITSUP-MC", "IT Support Fundamentals", "microcredential", "11.1006", ("15-1232",),
            12, "CYBER-CERT", ("F1",), ("E13", "E14", "E15", "E16"),
            "IT Support Fundamentals Microcredential", ("ITS101", "ITS102"), 14, _ONLINE_FIRST,
            0.85),
    Program("CYBER-CERT", "Cybersecurity", "certificate", "11.1003", ("15-1212", "15-1244"),
            32, "IT-AS", ("F1",), ("E13", "E14", "E15", "E16"),
            "Certificate of Achievement in Cybersecurity", ("CYB110", "CYB120", "CYB210", "CYB220"),
            6, _ONLINE_FIRST, 0.40),
    Program("IT-AS", "Information Technology", "degree", "11.0103",
            ("15-1232", "15-1244", "15-1211"), 96, None, (), (),
            "Associate in Science in Information Technology",
            ("CIS101", "CIS110", "CIS150", "CIS201", "CIS220", "CIS290"), 3, _CLASSROOM, 0.0),
    Program("CNC-MC", "CNC Machining Basics", "microcredential", "48.0510",
            ("51-4041", "51-9161"), 10, "ADVMFG-CERT", ("F1", "F2"), ("E06", "E07", "E08"),
            "CNC Machining Basics Microcredential", ("MFG101", "MFG105"), 9, _SHOP, 0.85),
    Program("ADVMFG-CERT", "Advanced Manufacturing", "certificate", "15.0613",
            ("51-4041", "51-9161", "17-3026"), 30, "INDMNT-APPR", ("F2",),
            ("E06", "E08", "E09", "E10", "E21"), "Certificate of Achievement in Advanced "
            "Manufacturing", ("MFG120", "MFG130", "MFG210", "MFG220"), 5, _SHOP, 0.40),
    Program("INDMNT-APPR", "Industrial Maintenance Mechanic", "apprenticeship", "47.0303",
            ("49-9041", "49-9071"), 104, None, ("F2",), ("E08", "E09", "E20", "E21"),
            "Registered Apprenticeship Completion: Industrial Maintenance Mechanic",
            ("IMT101", "IMT150", "IMT201", "IMT250"), 4, _WORK, 0.30),
    Program("PHLEB-MC", "Phlebotomy Technician", "microcredential", "51.1009", ("31-9097",),
            8, "MEDASST-CERT", ("F3",), ("E01", "E03"),
            "Phlebotomy Technician Microcredential", ("HLT105", "HLT106"), 12, _CLASSROOM, 0.85),
    Program("MEDASST-CERT", "Medical Assistant", "certificate", "51.0801", ("31-9092",),
            36, None, ("F1", "F3"), ("E01", "E02", "E03"),
            "Certificate of Achievement in Medical Assisting", ("MA101", "MA110", "MA120", "MA130"),
            10, _CLASSROOM, 0.40),
    Program("CNA-CERT", "Certified Nursing Assistant", "certificate", "51.3902", ("31-1131",),
            12, None, ("F3",), ("E01", "E04", "E05"), "Certified Nursing Assistant Certificate",
            ("CNA101", "CNA102"), 12, _CLASSROOM, 0.40),
    Program("CDL-CERT", "Commercial Truck Driving (Class A)", "certificate", "49.0205",
            ("53-3032",), 8, None, ("F1",), ("E09", "E11", "E12"),
            "Commercial Driver License Class A Training Certificate", ("CDL101", "CDL102"), 9,
            _SHOP, 0.40),
    Program("WELD-CERT", "Welding Technology", "certificate", "48.0508", ("51-4121",),
            24, None, ("F2",), ("E07", "E19", "E21"), "Certificate of Achievement in Welding",
            ("WLD101", "WLD110", "WLD201"), 8, _SHOP, 0.40),
    Program("ECE-MC", "Early Childhood Education Essentials", "microcredential", "19.0709",
            ("39-9011", "25-2011"), 16, None, ("F1",), ("E17", "E18"),
            "Early Childhood Education Essentials Microcredential", ("ECE101", "ECE105"), 8,
            _ONLINE_FIRST, 0.85),
)  # fmt: skip

PROGRAMS_BY_ID: dict[str, Program] = {p.program_id: p for p in PROGRAMS}


@dataclass(frozen=True)
class Funder:
    funder_id: str
    name: str
    report_email: str
    report_frequency: str


FUNDERS: tuple[Funder, ...] = (
    Funder("F1", "Central Valley Workforce Development Board",
           "wioa-reports@cvwdb.example.org", "quarterly"),
    Funder("F2", "State Advanced Manufacturing and Apprenticeship Fund",
           "grants@manufacturing-fund.example.org", "annual"),
    Funder("F3", "Healthcare Careers Pathways Foundation",
           "outcomes@healthcare-pathways.example.org", "quarterly"),
)  # fmt: skip


@dataclass(frozen=True)
class Employer:
    employer_id: str  # blank for employers that only appear in wage records
    name: str
    fein: str
    naics_code: str
    size_band: str


_PARTNERS = (
    ("E01", "Valley Regional Medical Center", "622110", "250+"),
    ("E02", "Sierra Family Medical Group", "621111", "50-249"),
    ("E03", "Central Labs Diagnostics", "621511", "50-249"),
    ("E04", "Sunrise Skilled Nursing Center", "623110", "50-249"),
    ("E05", "Golden State Home Health", "621610", "50-249"),
    ("E06", "Fresno Precision Machining", "332710", "50-249"),
    ("E07", "San Joaquin Fabrication", "332312", "1-49"),
    ("E08", "Valley Aerospace Components", "336413", "250+"),
    ("E09", "Harvest Foods Processing", "311421", "250+"),
    ("E10", "Kings River Packaging", "322211", "50-249"),
    ("E11", "Pacific Freightways", "484121", "250+"),
    ("E12", "Tri-County Logistics", "484110", "50-249"),
    ("E13", "ByteBridge IT Services", "541512", "50-249"),
    ("E14", "Sequoia Managed Networks", "541513", "1-49"),
    ("E15", "Central Valley Credit Union", "522130", "250+"),
    ("E16", "Tri-Valley County Information Services", "921190", "250+"),
    ("E17", "Little Sprouts Early Learning", "624410", "1-49"),
    ("E18", "Westside Children's Center", "624410", "50-249"),
    ("E19", "Valley Welding & Steel", "238120", "1-49"),
    ("E20", "Delta Power & Water", "221118", "250+"),
    ("E21", "AgTech Equipment Service Co.", "333111", "50-249"),
)

#: Industries of the wider labour market where learners work before and besides training.
_MARKET_NAICS = (
    "722511", "722513", "445110", "455211", "452319", "561320", "493110", "111219", "311421",
    "624120", "621610", "623110", "238220", "236118", "812111", "611110", "921190", "541211",
    "441110", "531110", "484121", "424410", "811111", "713940", "561720",
)  # fmt: skip
_MARKET_NAMES = (
    "Foods", "Market", "Services", "Logistics", "Farms", "Staffing", "Group", "Holdings",
    "Builders", "Care", "Supply", "Company", "Partners", "Enterprises", "Distribution",
)  # fmt: skip
_MARKET_PLACES = (
    "Valley", "Sierra", "Fresno", "Kings", "Tulare", "Madera", "Sequoia", "Clovis", "Sanger",
    "Selma", "Reedley", "Pinedale", "Golden State", "Central", "Westside", "Eastside",
)  # fmt: skip

#: FEINs starting 99 are never given to a real employer here: a planted reject uses one
#: so that it can never collide with a good wage row's key.
RESERVED_FEIN_PREFIX = "99"
MARKET_EMPLOYERS = 900


def _feins(rng: random.Random, n: int) -> list[str]:
    # IRS campus prefixes seen on California employers' EINs.
    prefixes = ("94", "95", "77", "68", "33", "20", "26", "27", "45", "46", "47", "81", "82")
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        fein = f"{rng.choice(prefixes)}{rng.randrange(10**7):07d}"
        if fein not in seen:
            seen.add(fein)
            out.append(fein)
    return out


def partner_employers() -> tuple[Employer, ...]:
    """Partners are catalog data: fixed FEINs, the same for every seed."""
    feins = _feins(random.Random(20260101), len(_PARTNERS))
    return tuple(
        Employer(eid, name, fein, naics, size)
        for (eid, name, naics, size), fein in zip(_PARTNERS, feins, strict=True)
    )


PARTNERS: tuple[Employer, ...] = partner_employers()
PARTNERS_BY_ID: dict[str, Employer] = {e.employer_id: e for e in PARTNERS}


def market_employers(rng: random.Random) -> list[Employer]:
    """The rest of the labour market: employers seen only in UI wage records."""
    taken = {e.fein for e in PARTNERS}
    feins = [f for f in _feins(rng, MARKET_EMPLOYERS + len(taken)) if f not in taken]
    out = []
    for fein in feins[:MARKET_EMPLOYERS]:
        name = f"{rng.choice(_MARKET_PLACES)} {rng.choice(_MARKET_NAMES)}"
        out.append(Employer("", name, fein, rng.choice(_MARKET_NAICS), ""))
    return out


def program_rows() -> list[list[str]]:
    return [
        [
            p.program_id,
            p.name,
            p.credential_type,
            p.cip_code,
            ";".join(p.soc_codes),
            str(p.nominal_weeks),
            p.stacks_into or "",
            ";".join(p.funder_ids),
            ";".join(p.partner_ids),
        ]
        for p in PROGRAMS
    ]


def funder_rows() -> list[list[str]]:
    return [[f.funder_id, f.name, f.report_email, f.report_frequency] for f in FUNDERS]


def employer_rows() -> list[list[str]]:
    return [[e.employer_id, e.name, e.fein, e.naics_code, e.size_band] for e in PARTNERS]
