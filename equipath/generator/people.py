"""Learners: who they are (demographics like a US community college) and their SIS rows.

A person is drawn once, with *final* attribute values; the simulation of their journey
uses those. The SIS snapshots then tell the same person's story the way an SIS export
does: an older snapshot with some values that later changed or were not yet known, and a
newer one that sometimes leaves a value blank/U. Resolving the snapshots as METRICS.md
says (latest known value wins) gives back exactly the final values.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from equipath.generator.names import ZIP_CODES, ascii_fold, draw_name, email_for

# IPEDS race/ethnicity categories and their shares among learners (US community college).
RACE_SHARES: tuple[tuple[str, float], ...] = (
    ("White", 0.405),
    ("Hispanic or Latino", 0.27),
    ("Black or African American", 0.13),
    ("Asian", 0.07),
    ("Race and ethnicity unknown", 0.05),
    ("Two or more races", 0.04),
    ("U.S. Nonresident", 0.02),
    ("American Indian or Alaska Native", 0.01),
    ("Native Hawaiian or Other Pacific Islander", 0.005),
)
_RACE_NAMES = [r for r, _ in RACE_SHARES]
_RACE_CUM = []
_acc = 0.0
for _, share in RACE_SHARES:
    _acc += share
    _RACE_CUM.append(_acc)

# Order of the race flags in the contract: AIAN, Asian, Black, NHPI, White.
_FLAG_OF = {
    "American Indian or Alaska Native": 0,
    "Asian": 1,
    "Black or African American": 2,
    "Native Hawaiian or Other Pacific Islander": 3,
    "White": 4,
}
_NAME_GROUP = {
    "Hispanic or Latino": "hispanic",
    "Asian": "asian",
    "Black or African American": "black",
    "U.S. Nonresident": "asian",
}

# Age at first entry: (low, high, share); skewed young like a community college.
AGE_BANDS = ((17, 19, 0.16), (20, 24, 0.30), (25, 34, 0.27), (35, 44, 0.14), (45, 54, 0.09),
             (55, 65, 0.04))  # fmt: skip

# Y share, U share of the Y/N/U flags.
FLAG_SHARES = {
    "first_generation": (0.35, 0.06),
    "low_income": (0.45, 0.05),
    "veteran": (0.05, 0.03),
    "disability": (0.08, 0.05),
    "english_learner": (0.10, 0.04),
}

# Column positions in students.csv (contract order).
SSN, FIRST, LAST, EMAIL, SEX, HISPANIC = 1, 2, 3, 5, 6, 7
FIRST_GEN, LOW_INCOME, VETERAN, DISABILITY, ENGLISH, ZIP, UPDATED = 14, 15, 16, 17, 18, 19, 20
_CODE_COLUMNS = range(6, 19)

# An SSN space of 665 areas x 99 groups x 9999 serials, walked by an affine bijection so
# every student gets a distinct, valid-looking SSN without remembering the ones used.
_SSN_AREAS = [a for a in range(100, 766) if a != 666]
_SSN_SPACE = len(_SSN_AREAS) * 99 * 9999
_SSN_STEP = 433494437  # prime, so coprime with the space; large, so neighbours look unrelated


@dataclass(slots=True)
class Person:
    """One learner with their final (resolved) attributes."""

    idx: int
    student_id: str
    first: str
    last: str
    birth: int  # ordinal
    email: str
    old_email: str  # an earlier address the SIS once held ("" if none)
    old_last: str  # an earlier last name ("" if none)
    ssn: str  # 9 digits or ""
    ssn_dashed: bool  # how the SIS writes it
    sex: str
    race: str  # IPEDS category the flags below resolve to
    hispanic: str
    race_flags: list[str]
    nonresident: str
    first_generation: str
    low_income: str
    veteran: str
    disability: str
    english_learner: str
    zip_code: str
    first_entry: int
    base_rate: float  # quarterly earnings when employed before training (2024 dollars)


def _ynu(rng: random.Random, y: float, u: float) -> str:
    r = rng.random()
    return "Y" if r < y else ("U" if r < y + u else "N")


def _race(rng: random.Random) -> tuple[str, str, list[str], str]:
    """(category, hispanic_latino, [5 flags], nonresident) consistent with IPEDS rules."""
    r = rng.random()
    race = _RACE_NAMES[-1]
    for name, cum in zip(_RACE_NAMES, _RACE_CUM, strict=True):
        if r < cum:
            race = name
            break
    flags = ["N"] * 5
    hispanic = "N" if rng.random() < 0.9 else "U"
    nonresident = "N"
    if race in _FLAG_OF:
        flags[_FLAG_OF[race]] = "Y"
    elif race == "Hispanic or Latino":
        hispanic = "Y"
        r = rng.random()
        if r < 0.5:
            flags[4] = "Y"
        elif r < 0.55:
            flags[2] = "Y"
        elif r < 0.57:
            flags[0] = "Y"
    elif race == "Two or more races":
        for i in rng.sample(range(5), 2):
            flags[i] = "Y"
    elif race == "U.S. Nonresident":
        nonresident = "Y"
        r = rng.random()
        if r < 0.5:
            flags[1] = "Y"
        elif r < 0.7:
            flags[4] = "Y"
    return race, hispanic, flags, nonresident


def draw_ssn(idx: int, offset: int) -> str:
    x = (_SSN_STEP * idx + offset) % _SSN_SPACE
    area = _SSN_AREAS[x // (99 * 9999)]
    group = (x // 9999) % 99 + 1
    serial = x % 9999 + 1
    return f"{area:03d}{group:02d}{serial:04d}"


def draw_person(rng: random.Random, idx: int, first_entry: int, ssn_offset: int) -> Person:
    """A learner whose first participation starts on `first_entry`."""
    r = rng.random()
    sex = "F" if r < 0.56 else ("M" if r < 0.98 else ("X" if r < 0.99 else "U"))
    race, hispanic, flags, nonresident = _race(rng)
    group = _NAME_GROUP.get(race, "common")
    if race == "Two or more races" or race == "Race and ethnicity unknown":
        group = rng.choice(("hispanic", "asian", "black", "common", "common"))
    first, last = draw_name(rng, group, sex)

    r = rng.random()
    low, high = 55, 65
    for lo, hi, share in AGE_BANDS:
        if r < share:
            low, high = lo, hi
            break
        r -= share
    age = rng.randint(low, high)
    birth = first_entry - age * 365 - age // 4 - rng.randint(0, 364)

    has_ssn = rng.random() < (0.4 if nonresident == "Y" else 0.867)
    number = idx + 1
    style = rng.randrange(3)
    email = email_for(first, last, number, style)
    old_email = email_for(first, last, number, (style + 1) % 3) if rng.random() < 0.12 else ""
    old_last = rng.choice(("Smith", "Reyes", "Nguyễn", "Brown")) if rng.random() < 0.03 else ""
    if old_last == last:
        old_last = ""

    if age < 20:
        base = rng.lognormvariate(8.2, 0.4)  # median about $3,600 a quarter
    elif age < 25:
        base = rng.lognormvariate(8.65, 0.4)  # about $5,700
    else:
        base = rng.lognormvariate(8.95, 0.4)  # about $7,700
    return Person(
        idx=idx,
        student_id=f"A{number:08d}",
        first=first,
        last=last,
        birth=birth,
        email=email,
        old_email=old_email,
        old_last=old_last,
        ssn=draw_ssn(idx, ssn_offset) if has_ssn else "",
        ssn_dashed=rng.random() < 0.2,
        sex=sex,
        race=race,
        hispanic=hispanic,
        race_flags=flags,
        nonresident=nonresident,
        first_generation=_ynu(rng, *FLAG_SHARES["first_generation"]),
        low_income=_ynu(rng, *FLAG_SHARES["low_income"]),
        veteran=_ynu(rng, *FLAG_SHARES["veteran"]) if age >= 19 else "N",
        disability=_ynu(rng, *FLAG_SHARES["disability"]),
        english_learner=_ynu(rng, *FLAG_SHARES["english_learner"]),
        zip_code=rng.choice(ZIP_CODES),
        first_entry=first_entry,
        base_rate=min(base, 20000.0),
    )


def dashed(ssn: str) -> str:
    return f"{ssn[:3]}-{ssn[3:5]}-{ssn[5:]}"


def _final_row(p: Person) -> list:
    return [
        p.student_id,
        (dashed(p.ssn) if p.ssn_dashed else p.ssn) if p.ssn else "",
        p.first,
        p.last,
        p.birth,
        p.email,
        p.sex,
        p.hispanic,
        *p.race_flags,
        p.nonresident,
        p.first_generation,
        p.low_income,
        p.veteran,
        p.disability,
        p.english_learner,
        p.zip_code,
        0,  # updated_at, set per snapshot
    ]


def _unknown(rng: random.Random) -> str:
    return "" if rng.random() < 0.4 else "U"


def _older_and_newer(rng: random.Random, p: Person, final: list) -> tuple[list, list]:
    """Two snapshots that resolve (latest known value wins) to `final`.

    Per attribute, at most one of: the older row held a value that later changed, the
    older row did not know it yet, or the newer row leaves it unknown (so the older value,
    which is the final one, stands).
    """
    older, newer = list(final), list(final)
    if p.ssn:
        r = rng.random()
        if r < 0.05:
            older[SSN] = ""  # SSN collected after the first snapshot
        elif r < 0.15:
            newer[SSN] = ""  # not repeated in the incremental export
    if p.old_last:
        older[LAST] = p.old_last
    if p.old_email:
        older[EMAIL] = p.old_email
    if rng.random() < 0.05:
        older[FIRST] = ascii_fold(p.first)  # the old system had no accents
    for col, changed, earlier_unknown, later_unknown in (
        (SEX, 0.0, 0.03, 0.03),
        (HISPANIC, 0.0, 0.02, 0.03),
        (FIRST_GEN, 0.0, 0.05, 0.05),
        (LOW_INCOME, 0.08, 0.05, 0.03),
        (VETERAN, 0.0, 0.0, 0.03),
        (DISABILITY, 0.0, 0.04, 0.02),
        (ENGLISH, 0.03, 0.0, 0.03),
    ):
        if final[col] == "U":
            continue
        r = rng.random()
        if r < changed:
            older[col] = "N" if final[col] == "Y" else "Y"
        elif r < changed + earlier_unknown:
            older[col] = _unknown(rng)
        elif r < changed + earlier_unknown + later_unknown:
            newer[col] = _unknown(rng)
    r = rng.random()
    if r < 0.08:
        older[ZIP] = rng.choice(ZIP_CODES)  # moved since
    elif r < 0.10:
        newer[ZIP] = ""
    return older, newer


def _lowercase_codes(row: list) -> None:
    for i in _CODE_COLUMNS:
        row[i] = row[i].lower()


def snapshot_rows(
    rng: random.Random, p: Person, last_entry: int, snap_old: int, snap_new: int
) -> list[tuple[int, list]]:
    """(snapshot 0 = older file / 1 = newer file, row) for every SIS row of this person."""
    created = p.first_entry - rng.randint(10, 60)
    final = _final_row(p)
    rows: list[tuple[int, list]] = []
    if created <= snap_old:
        again = rng.random() < (0.85 if last_entry > snap_old else 0.30)
        if again:
            older, newer = _older_and_newer(rng, p, final)
        else:
            older, newer = final, final
        older = list(older)
        older[UPDATED] = created + rng.randint(0, min(400, snap_old - created))
        rows.append((0, older))
        if again:
            newer = list(newer)
            newer[UPDATED] = rng.randint(snap_old + 1, snap_new)
            rows.append((1, newer))
    else:
        if rng.random() < 0.04:  # two rows in one export: an early entry, then the update
            older, newer = _older_and_newer(rng, p, final)
            older[UPDATED] = created
            newer[UPDATED] = rng.randint(created + 1, snap_new)
            rows.append((1, older))
            rows.append((1, newer))
        else:
            row = list(final)
            row[UPDATED] = rng.randint(created, snap_new)
            rows.append((1, row))
    for _, row in rows:
        if rng.random() < 0.03:
            _lowercase_codes(row)
    return rows
