"""The LMS side: accounts, course results and competency assessments.

LMS exports are where identity is weakest (many accounts carry no SIS id, only an e-mail
typed by the learner) and where skill gains are measured, so accounts mix linking routes
and assessments fall inside participations the way `skill_gain_rate` expects.
"""

from __future__ import annotations

import random

from equipath.generator.dates import Calendar
from equipath.generator.journeys import Participation
from equipath.generator.names import email_variant
from equipath.generator.people import Person

P_ACCOUNT = 0.93
PASS_MARK = 70.0


def _term(cal: Calendar, day: int) -> str:
    month = cal.month(day)
    return f"{cal.year(day)}{'SP' if month < 6 else ('SU' if month < 8 else 'FA')}"


def _score(rng: random.Random, mean: float, sd: float) -> float:
    return round(min(100.0, max(0.0, rng.gauss(mean, sd))), 1)


class Lms:
    def __init__(self, cal: Calendar, export: int) -> None:
        self.cal = cal
        self.export = export
        self.next_user = 1

    def user_row(self, rng: random.Random, person: Person) -> list[str] | None:
        """lms_user_id, sis_student_id, email: linked by id, by e-mail, or not at all."""
        if rng.random() >= P_ACCOUNT:
            return None
        user_id = str(100000 + self.next_user)
        self.next_user += 1
        r = rng.random()
        if r < 0.78:
            email = person.email if rng.random() < 0.9 else ""
            return [user_id, person.student_id, email]
        if r < 0.96:  # self-registered: only the e-mail links it, typed another way
            email = person.old_email if person.old_email and rng.random() < 0.3 else person.email
            return [user_id, "", email_variant(rng, email)]
        # a personal address the SIS never held: unlinkable, counted in the match report
        return [user_id, "", f"learner{user_id}@personal.example.net"]

    def results(
        self, rng: random.Random, user_id: str, parts: list[Participation]
    ) -> tuple[list[list], list[list]]:
        """(course_results rows, assessments rows), dates as ordinals."""
        cal, export = self.cal, self.export
        courses: list[list] = []
        assessments: list[list] = []
        seen: set[str] = set()
        for part in parts:
            program = part.program
            n = len(program.courses)
            if part.status == "completed" and part.exit is not None:
                planned = part.exit - part.entry + 1
            else:
                planned = program.nominal_weeks * 7
            strength = rng.gauss(0.0, 6.0)  # this learner in this program
            for i, code in enumerate(program.courses):
                start = part.entry + i * planned // n
                end = part.entry + (i + 1) * planned // n - 1
                if start > export or (part.exit is not None and start > part.exit):
                    break
                if part.exit is not None:
                    end = min(end, part.exit)
                end = max(end, start)
                course_id = f"{code}-{_term(cal, start)}"
                if course_id in seen:  # a retry in the same term reuses the section
                    continue
                seen.add(course_id)
                unfinished = end > export
                last = min(end, export)
                first = min(start + rng.randint(0, 4), last)
                last = max(first, last - rng.randint(0, 5))
                if rng.random() < 0.02:  # enrolled but never logged in
                    courses.append([user_id, course_id, program.program_id, None, None, "0", ""])
                    continue
                minutes = int((last - first + 1) * rng.uniform(6, 30))
                dropped = part.status in ("withdrawn", "transferred") and part.exit == end
                if unfinished or rng.random() < 0.04 or (dropped and rng.random() < 0.4):
                    score = ""
                else:
                    mean = (55.0 if dropped else 83.0) + strength
                    score = f"{_score(rng, mean, 9.0):.1f}"
                courses.append(
                    [user_id, course_id, program.program_id, first, last, str(minutes), score]
                )
                for k in (1, 2):
                    when = first + (last - first) * k // 3
                    mean = (58.0 if dropped else 80.0) + strength
                    self._assess(
                        rng, assessments, user_id, course_id, program.program_id,
                        f"{code}.C{k}", when, last, mean,
                    )  # fmt: skip
        return courses, assessments

    def _assess(
        self,
        rng: random.Random,
        out: list[list],
        user_id: str,
        course_id: str,
        program_id: str,
        competency: str,
        when: int,
        last: int,
        mean: float,
    ) -> None:
        score = _score(rng, mean, 12.0)
        out.append(self._assessment(rng, user_id, course_id, program_id, competency, when, score))
        if score < PASS_MARK and rng.random() < 0.5:
            retake = when + rng.randint(3, 14)
            if retake <= min(last, self.export):
                score = _score(rng, mean + 8.0, 10.0)
                out.append(
                    self._assessment(rng, user_id, course_id, program_id, competency, retake,
                                     score)
                )  # fmt: skip

    @staticmethod
    def _assessment(
        rng: random.Random,
        user_id: str,
        course_id: str,
        program_id: str,
        competency: str,
        when: int,
        score: float,
    ) -> list:
        passed = "Y" if score >= PASS_MARK else "N"
        if rng.random() < 0.03:
            passed = passed.lower()
        return [user_id, course_id, program_id, competency, when, f"{score:.1f}", passed]
