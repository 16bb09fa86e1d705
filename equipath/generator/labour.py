"""Work histories as employment spells, seen twice: as UI wage rows and as partner hires.

A learner's working life is a list of spells (employer, start, end, quarterly pay rate).
The state's UI wage file sees every spell of a person with an SSN, one row per person ×
employer × quarter, prorated by the days worked; a partner employer's HR export sees only
the spells at that partner. Deriving both from the same spells keeps the two sources
consistent the way real ones are (a placement shows up in wages at the partner's FEIN),
while each still misses what it cannot see (no SSN, internships paid as stipends, the
quarters that have not landed).

Employment around each exit is drawn *first* (employed after exit or not; quick start or
slow), and spells are then bent to fit, so that the planted gaps in `gaps.py` reach the
exit-based metrics nearly undiluted.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from equipath.generator.catalog import (
    OCCUPATIONS,
    OFF_TARGET_SOCS,
    PARTNERS_BY_ID,
    Employer,
    market_employers,
)
from equipath.generator.dates import Calendar
from equipath.generator.gaps import (
    AGE_45_54_FAST_START_SHIFT,
    BLACK_EMPLOYMENT_SHIFT,
    FEMALE_PAY_FACTOR,
)
from equipath.generator.journeys import Participation
from equipath.generator.names import FIRST_F, FIRST_M, LAST, email_variant, name_variant
from equipath.generator.people import Person, dashed

#: P(employed after exit) by exit status, before the planted gap.
P_EMPLOYED = {"completed": 0.85, "withdrawn": 0.65, "transferred": 0.65}
#: P(the job starts within 180 days of exit | employed after exit), before the planted gap.
P_FAST_START = 0.85
#: Share of quick starters who simply keep the job they held during training.
P_KEEP_JOB = 0.40
#: Share of new jobs after exit that are at one of the program's partner employers.
P_PARTNER = {"completed": 0.50, "withdrawn": 0.15, "transferred": 0.15}
P_INTERNSHIP = 0.12
P_UNMATCHED_HIRE = 0.02  # partner rows about people who are not our learners
WAGE_GROWTH = 1.035  # nominal pay growth a year, around 2024 levels
OPEN = 10**7  # end of a spell that lasts beyond any date we write

BLACK = "Black or African American"


@dataclass(slots=True)
class Hire:
    """What a partner's HR export records about a spell."""

    employer_id: str
    placement_type: str
    soc_code: str
    job_title: str
    hourly_wage: float
    weekly_hours: int


class Spell:
    """One job held from `start` to `end` (ordinals); a plain slotted class because the
    simulation creates and bends millions of them."""

    __slots__ = ("end", "fein", "hire", "naics", "raise_at", "raise_rate", "rate", "start")

    def __init__(
        self,
        employer: Employer,
        start: int,
        end: int,
        rate: float,
        hire: Hire | None = None,
    ) -> None:
        self.fein = employer.fein
        self.naics = employer.naics_code
        self.start = start
        self.end = end
        self.rate = rate  # quarterly pay for a full quarter worked
        self.raise_at = OPEN
        self.raise_rate = rate
        self.hire = hire


@dataclass(slots=True)
class Internship:
    employer_id: str
    start: int
    end: int
    soc_code: str
    job_title: str
    hourly_wage: float


class LabourMarket:
    """Simulates spells for one learner at a time and turns them into rows."""

    def __init__(
        self,
        rng: random.Random,
        cal: Calendar,
        export: int,
        first_quarter: int,
        last_quarter: int,
        old_ssn_style_before: int,
    ) -> None:
        self.cal = cal
        self.export = export
        self.first_quarter = first_quarter
        self.last_quarter = last_quarter
        self.old_ssn_style_before = old_ssn_style_before  # quarters whose file dashes SSNs
        self.market = market_employers(rng)
        quarters = range(first_quarter - 40, last_quarter + 40)
        self.q_start = {q: cal.quarter_first_day(q) for q in quarters}
        self.q_end = {q: cal.quarter_last_day(q) for q in quarters}
        self.q_days = {q: self.q_end[q] - self.q_start[q] + 1 for q in quarters}
        self.growth = {y: WAGE_GROWTH ** (y - 2024) for y in range(cal.first_year, 2200)}
        self.next_record = 1

    # ----------------------------------------------------------------- spells
    def spells(
        self, rng: random.Random, person: Person, parts: list[Participation]
    ) -> tuple[list[Spell], list[Internship], int]:
        """(spells, internships, first wage quarter of this person)."""
        cal = self.cal
        pay = FEMALE_PAY_FACTOR if person.sex == "F" else 1.0
        first_entry = parts[0].entry
        first_q = max(self.first_quarter, cal.quarter(first_entry) - 8)
        spells = self._before_training(rng, person, parts[0], self.q_start[first_q], pay)
        internships: list[Internship] = []
        for part in parts:
            program = part.program
            apprenticeship = None
            if program.is_apprenticeship:
                self._end_ongoing(rng, spells, part.entry)
                apprenticeship = self._apprentice(rng, part, pay)
                spells.append(apprenticeship)
            elif (
                program.partner_ids and program.nominal_weeks >= 12 and rng.random() < P_INTERNSHIP
            ):
                internship = self._internship(rng, part, pay)
                if internship is not None:
                    internships.append(internship)
            if part.exit is not None:
                self._after_exit(rng, person, part, spells, apprenticeship, pay)
        return spells, internships, first_q

    def _before_training(
        self, rng: random.Random, person: Person, first: Participation, window: int, pay: float
    ) -> list[Spell]:
        """Alternating jobs and gaps before the first entry (about 2 in 3 quarters worked)."""
        spells: list[Spell] = []
        t = window
        employed = rng.random() < (0.35 if first.age < 19 else 0.62)
        at_window = True
        while t < first.entry:
            if employed:
                length = int(rng.expovariate(1 / 540)) + 30
                start = t - rng.randint(0, 400) if at_window else t
                rate = person.base_rate * rng.uniform(0.85, 1.15) * pay
                spells.append(self._market_spell(rng, start, t + length, rate))
                t += length
            else:
                t += int(rng.expovariate(1 / 240)) + 14
            employed = not employed
            at_window = False
        if rng.random() < 0.06 and first.entry - 120 > window:  # a second, part-time job
            start = rng.randint(window, first.entry - 120)
            rate = person.base_rate * rng.uniform(0.25, 0.45) * pay
            spells.append(self._market_spell(rng, start, start + rng.randint(90, 360), rate))
        for s in spells:  # most quit when training starts; incumbent workers keep going
            if s.end >= first.entry and rng.random() >= 0.4:
                s.end = max(s.start, first.entry - rng.randint(0, 45))
        return spells

    def _market_spell(self, rng: random.Random, start: int, end: int, rate: float) -> Spell:
        employer = rng.choice(self.market)
        return Spell(employer, start, end, rate * self.growth[self.cal.year(start)])

    def _end_ongoing(self, rng: random.Random, spells: list[Spell], day: int) -> None:
        """An apprenticeship is a full-time job: other jobs end just before `day`."""
        spells[:] = [s for s in spells if s.start <= day]
        for s in spells:
            if s.end >= day:
                s.end = max(s.start, day - rng.randint(0, 14))

    def _apprentice(self, rng: random.Random, part: Participation, pay: float) -> Spell:
        program = part.program
        employer = PARTNERS_BY_ID[rng.choice(program.partner_ids)]
        start = min(part.entry + rng.randint(0, 7), self.export)
        hourly = round(rng.uniform(19.0, 24.0) * self.growth[self.cal.year(start)] * pay, 2)
        hire = Hire(
            employer.employer_id,
            "apprenticeship",
            program.soc_codes[0],
            "Industrial Maintenance Apprentice",
            hourly,
            40,
        )
        return Spell(employer, start, OPEN, hourly * 40 * 13, hire)

    def _internship(self, rng: random.Random, part: Participation, pay: float) -> Internship | None:
        """Work-based learning: in the partner's export, paid as a stipend (no UI wages)."""
        program = part.program
        start = part.entry + int(program.nominal_weeks * 7 * rng.uniform(0.4, 0.7))
        if start > self.export or (part.exit is not None and start > part.exit):
            return None
        end = start + rng.randint(42, 84)
        if part.exit is not None:
            end = min(end, part.exit)
        occupation = OCCUPATIONS[rng.choice(program.soc_codes)]
        return Internship(
            rng.choice(program.partner_ids),
            start,
            end,
            occupation.soc_code if rng.random() < 0.6 else "",
            f"{occupation.titles[0]} Intern",
            round(rng.uniform(16.0, 18.0) * pay, 2) if rng.random() < 0.7 else 0.0,
        )

    def _after_exit(
        self,
        rng: random.Random,
        person: Person,
        part: Participation,
        spells: list[Spell],
        apprenticeship: Spell | None,
        pay: float,
    ) -> None:
        exit_ = part.exit
        assert exit_ is not None
        spells[:] = [s for s in spells if s.start <= exit_]
        p_employed = P_EMPLOYED[part.status]
        if person.race == BLACK:
            p_employed += BLACK_EMPLOYMENT_SHIFT
        employed = rng.random() < p_employed
        p_fast = P_FAST_START + (AGE_45_54_FAST_START_SHIFT if 45 <= part.age <= 54 else 0.0)
        fast = rng.random() < p_fast
        if apprenticeship is not None and apprenticeship in spells:
            if employed and part.status == "completed":
                # Journey-level pay from completion; the apprenticeship job simply goes on.
                apprenticeship.raise_at = exit_
                apprenticeship.raise_rate = apprenticeship.rate * 1.2
                return
            apprenticeship.end = exit_
        ongoing = [s for s in spells if s.end >= exit_ and s is not apprenticeship]
        if employed and fast:
            if ongoing and rng.random() < P_KEEP_JOB:
                return
            start = max(part.entry, exit_ + int(rng.triangular(-45, 180, 20)))
            for s in ongoing:
                s.end = max(s.start, min(s.end, start - rng.randint(1, 20)))
            self._jobs_from(rng, person, part, start, spells, pay)
            return
        # Not working around exit: whatever was held ends before the exit quarter starts
        # (a job that started inside it never happened), so neither the exit quarter nor
        # the next quarters show wages that the draw said are not there.
        cal = self.cal
        exit_q = cal.quarter(exit_)
        cut = self.q_start[exit_q] - 1
        kept = []
        for s in spells:
            if s.end >= cut + 1 and s is not apprenticeship:
                s.end = min(s.end, cut - rng.randint(0, 20))
                if s.end < s.start:
                    continue
            kept.append(s)
        spells[:] = kept
        if employed:  # a slow start: after the quarter that holds exit + 180 days
            start = self.q_start[cal.quarter(exit_ + 180) + 1] + rng.randint(0, 150)
            self._jobs_from(rng, person, part, start, spells, pay)
        elif rng.random() < 0.45:  # back to work much later, after Q2 after exit
            start = self.q_start[exit_q + 3] + rng.randint(0, 300)
            self._jobs_from(rng, person, part, start, spells, pay)

    def _jobs_from(
        self,
        rng: random.Random,
        person: Person,
        part: Participation,
        start: int,
        spells: list[Spell],
        pay: float,
    ) -> None:
        """The first job after an exit, then the job changes that follow it."""
        if start > self.export:
            return
        program = part.program
        completed = part.status == "completed"
        growth = self.growth[self.cal.year(start)]
        if program.partner_ids and rng.random() < P_PARTNER[part.status]:
            employer = PARTNERS_BY_ID[rng.choice(program.partner_ids)]
            in_field = rng.random() < (0.75 if completed else 0.3)
            soc = rng.choice(program.soc_codes if in_field else OFF_TARGET_SOCS)
            occupation = OCCUPATIONS[soc]
            hourly = round(rng.uniform(occupation.hourly_low, occupation.hourly_high) * growth
                           * pay, 2)  # fmt: skip
            hours = rng.choice((40, 40, 40, 40, 36, 32, 30, 24, 20))
            hire = Hire(
                employer.employer_id,
                "job",
                soc if rng.random() < 0.9 else "",
                rng.choice(occupation.titles),
                hourly,
                hours,
            )
            rate = hourly * hours * 13
        else:
            employer = rng.choice(self.market)
            hire = None
            if completed:
                occupation = OCCUPATIONS[rng.choice(program.soc_codes)]
                mid = (occupation.hourly_low + occupation.hourly_high) / 2
                rate = mid * rng.uniform(0.8, 1.0) * 38 * 13 * growth * pay
            else:
                rate = person.base_rate * rng.uniform(0.95, 1.2) * growth * pay
        end = start + int(rng.expovariate(1 / 900)) + 90
        spells.append(Spell(employer, start, end, rate, hire))
        while end <= self.export and rng.random() < 0.8:
            start = end + int(rng.expovariate(1 / 150)) + 7
            if start > self.export:
                break
            rate *= rng.uniform(0.95, 1.15)
            end = start + int(rng.expovariate(1 / 900)) + 90
            spells.append(Spell(rng.choice(self.market), start, end, rate))

    # ------------------------------------------------------------------- rows
    def wage_rows(
        self, rng: random.Random, person: Person, spells: list[Spell], first_q: int
    ) -> list[tuple[int, list[str]]]:
        """(quarter, wages row): one per employer FEIN and landed quarter worked."""
        if not person.ssn:
            return []
        q_start, q_end, q_days = self.q_start, self.q_end, self.q_days
        lo, hi = q_start[first_q], q_end[self.last_quarter]
        quarter_of = self.cal.quarter
        totals: dict[tuple[int, str], list] = {}
        for s in spells:
            a0 = s.start if s.start > lo else lo
            b0 = s.end if s.end < hi else hi
            if b0 < a0:
                continue
            for q in range(quarter_of(a0), quarter_of(b0) + 1):
                a = max(a0, q_start[q])
                b = min(b0, q_end[q])
                days = b - a + 1
                if days < 10:
                    continue
                rate = s.raise_rate if a >= s.raise_at else s.rate
                amount = rate * days / q_days[q]
                key = (q, s.fein)
                if key in totals:
                    totals[key][0] += amount
                else:
                    totals[key] = [amount, s.naics]
        rows = []
        plain, with_dashes = person.ssn, dashed(person.ssn)
        for (q, fein), (amount, naics) in totals.items():
            if rng.random() < 0.015:  # the employer did not report that quarter
                continue
            amount = min(amount * rng.uniform(0.92, 1.08), 30000.0)
            rows.append(
                (
                    q,
                    [
                        with_dashes if q < self.old_ssn_style_before else plain,
                        str(q // 4),
                        str(q % 4 + 1),
                        fein,
                        naics if rng.random() >= 0.04 else "",
                        f"{amount:.2f}",
                    ],
                )
            )
        return rows

    def hire_rows(
        self,
        rng: random.Random,
        person: Person,
        spells: list[Spell],
        internships: list[Internship],
    ) -> list[list]:
        """Rows of the partners' hires exports (dates as ordinals, placed by hire year)."""
        rows = []
        export = self.export
        for s in spells:
            hire = s.hire
            if hire is None or s.start > export:
                continue
            rows.append(
                self._hire_row(
                    rng, person, hire.employer_id, s.start, s.end if s.end <= export else None,
                    hire.job_title, hire.soc_code, hire.hourly_wage, hire.weekly_hours,
                    hire.placement_type,
                )
            )  # fmt: skip
        for i in internships:
            rows.append(
                self._hire_row(
                    rng, person, i.employer_id, i.start, i.end if i.end <= export else None,
                    i.job_title, i.soc_code, i.hourly_wage, rng.choice((12, 16, 20, 24)),
                    "internship",
                )
            )  # fmt: skip
        if rows and rng.random() < P_UNMATCHED_HIRE * len(rows):
            rows.append(self._stranger_row(rng, rows[-1]))
        return rows

    def _hire_row(
        self,
        rng: random.Random,
        person: Person,
        employer_id: str,
        start: int,
        end: int | None,
        title: str,
        soc: str,
        hourly: float,
        hours: int,
        placement_type: str,
    ) -> list:
        if rng.random() < 0.6:  # matched by e-mail
            email = person.old_email if person.old_email and rng.random() < 0.2 else person.email
            if rng.random() < 0.3:
                email = email_variant(rng, email)
            first = person.first if rng.random() < 0.85 else name_variant(rng, person.first)
            last = person.last if rng.random() < 0.85 else name_variant(rng, person.last)
        else:  # matched by name and birth date only
            email = ""
            first = person.first if rng.random() < 0.6 else name_variant(rng, person.first)
            last = person.last if rng.random() < 0.6 else name_variant(rng, person.last)
        record = self.next_record
        self.next_record += 1
        return [
            employer_id,
            f"HR{record:08d}",
            email,
            first,
            last,
            person.birth,
            start,
            end,
            title,
            soc,
            f"{hourly:.2f}",
            str(hours),
            placement_type,
        ]

    def _stranger_row(self, rng: random.Random, like: list) -> list:
        """A partner hire of someone who never studied here: unlinkable by design."""
        record = self.next_record
        self.next_record += 1
        pools = FIRST_F if rng.random() < 0.5 else FIRST_M
        group = rng.choice(("hispanic", "asian", "black", "common"))
        row = list(like)
        row[1] = f"HR{record:08d}"
        row[2] = f"applicant{record}@jobs.example.com" if rng.random() < 0.5 else ""
        row[3] = rng.choice(pools[group])
        row[4] = rng.choice(LAST[group])
        row[5] = like[6] - rng.randint(19 * 365, 50 * 365)
        row[12] = "job" if like[12] != "apprenticeship" else "apprenticeship"
        return row
