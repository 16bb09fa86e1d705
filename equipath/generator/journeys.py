"""Participations, exits and credential awards: a learner's path through the catalog.

Most learners take one program; completers of a program that stacks often enrol in the
next one, and a few try something unrelated or retry after withdrawing. Exit dates follow
the nominal length with realistic spread; an exit that would fall after the export date
means the participation is still active.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass
from datetime import date

from equipath.generator.catalog import PROGRAMS, PROGRAMS_BY_ID, Program
from equipath.generator.dates import whole_years
from equipath.generator.gaps import ENGLISH_LEARNER_AWARD_SHIFT, LOW_INCOME_COMPLETION_SHIFT
from equipath.generator.people import Person

COMPLETION_BASE = {"microcredential": 0.80, "certificate": 0.68, "apprenticeship": 0.60,
                   "degree": 0.50}  # fmt: skip
AWARD_BASE = 0.93
STACK_SHARE = 0.38  # completers of a stacking program who enrol in the next one
OTHER_PROGRAM_SHARE = 0.06  # exiters who later try an unrelated program
RETRY_SHARE = 0.08  # withdrawers who retry the same program
MAX_PARTICIPATIONS = 3

_ENTRY_PROGRAMS = list(PROGRAMS)
_ENTRY_CUM: list[float] = []
_total = 0.0
for _p in PROGRAMS:
    _total += _p.entry_weight
    _ENTRY_CUM.append(_total)


@dataclass(slots=True)
class Participation:
    enrollment_id: str
    program: Program
    entry: int
    exit: int | None  # None while active
    status: str
    modality: str
    age: int  # whole years at entry


@dataclass(slots=True)
class Award:
    award_id: str
    program: Program
    award_date: int
    badge_url: str


def term_starts(first_year: int, last_year: int) -> list[int]:
    """Spring, summer and fall term starts: most entries cluster on them."""
    out = []
    for y in range(first_year, last_year + 1):
        for m, d in ((1, 13), (6, 3), (8, 19)):
            out.append(date(y, m, d).toordinal())
    return out


def draw_first_entry(rng: random.Random, lo: int, hi: int, terms: list[int]) -> int:
    """Entry volume grows over the years; 60% of entries start on a term start."""
    d = lo + int((hi - lo) * rng.random() ** 0.8)
    if rng.random() < 0.6:
        i = bisect.bisect_right(terms, d) - 1
        if i >= 0 and terms[i] >= lo and d - terms[i] < 120:
            d = terms[i] + rng.randint(0, 3)
    return min(max(d, lo), hi)


def _entry_program(rng: random.Random, taken: tuple[Program, ...] = ()) -> Program:
    while True:
        r = rng.random() * _total
        p = _ENTRY_PROGRAMS[bisect.bisect_right(_ENTRY_CUM, r)]
        if p not in taken:
            return p


def _modality(rng: random.Random, program: Program) -> str:
    r = rng.random()
    for name, share in program.modalities:
        if r < share:
            return name
        r -= share
    return program.modalities[-1][0]


class Journeys:
    """Draws each learner's participations and awards; numbers the keys it hands out."""

    def __init__(self, export: int) -> None:
        self.export = export
        self.next_enrollment = 1
        self.next_award = 1

    def participations(
        self, rng: random.Random, person: Person, first_program: Program | None = None
    ) -> list[Participation]:
        out: list[Participation] = []
        program = first_program or _entry_program(rng)
        entry = person.first_entry
        while True:
            status, exit_ = self._outcome(rng, person, program, entry)
            out.append(
                Participation(
                    enrollment_id=f"EN{self.next_enrollment:08d}",
                    program=program,
                    entry=entry,
                    exit=exit_,
                    status=status,
                    modality=_modality(rng, program),
                    age=whole_years(person.birth, entry),
                )
            )
            self.next_enrollment += 1
            if exit_ is None or len(out) == MAX_PARTICIPATIONS:
                return out
            nxt: Program | None = None
            stack = PROGRAMS_BY_ID.get(program.stacks_into or "")
            if (
                status == "completed"
                and stack is not None
                and all(p.program is not stack for p in out)
                and rng.random() < STACK_SHARE
            ):
                nxt, gap = stack, rng.randint(7, 150)
            elif status == "withdrawn" and rng.random() < RETRY_SHARE:
                nxt, gap = program, rng.randint(60, 365)
            elif rng.random() < OTHER_PROGRAM_SHARE:
                taken = tuple(p.program for p in out)
                nxt, gap = _entry_program(rng, taken), rng.randint(30, 420)
            if nxt is None or exit_ + gap >= self.export:
                return out
            program, entry = nxt, exit_ + gap

    def _outcome(
        self, rng: random.Random, person: Person, program: Program, entry: int
    ) -> tuple[str, int | None]:
        p_complete = COMPLETION_BASE[program.credential_type]
        if person.low_income == "Y":
            p_complete += LOW_INCOME_COMPLETION_SHIFT
        nominal = program.nominal_weeks * 7
        if rng.random() < p_complete:
            status = "completed"
            stretch = rng.uniform(1.3, 1.9) if rng.random() < 0.08 else rng.uniform(0.9, 1.25)
        elif rng.random() < 0.85:
            status, stretch = "withdrawn", rng.uniform(0.05, 0.8)
        else:
            status, stretch = "transferred", rng.uniform(0.15, 0.9)
        exit_ = entry + max(1, int(nominal * stretch))
        if exit_ > self.export:
            return "active", None
        return status, exit_

    def awards(self, rng: random.Random, person: Person, parts: list[Participation]) -> list[Award]:
        out = []
        p_award = AWARD_BASE
        if person.english_learner == "Y":
            p_award += ENGLISH_LEARNER_AWARD_SHIFT
        for part in parts:
            if part.status != "completed" or part.exit is None or rng.random() >= p_award:
                continue
            when = min(max(part.exit + rng.randint(-7, 30), part.entry), self.export)
            badge = ""
            if rng.random() < part.program.badge_share:
                badge = f"https://badges.example.org/assertions/{rng.getrandbits(64):016x}"
            out.append(Award(f"AW{self.next_award:08d}", part.program, when, badge))
            self.next_award += 1
        return out
