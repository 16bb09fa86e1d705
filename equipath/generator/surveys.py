"""Exit and follow-up survey responses.

Some learners answer the exit survey twice (a reminder e-mail, a second link), which is
why METRICS.md takes the latest response; the two answers differ, as they do in life.
"""

from __future__ import annotations

import random

from equipath.generator.journeys import Participation

P_EXIT_RESPONSE = {"completed": 0.55, "withdrawn": 0.22, "transferred": 0.30}
P_SECOND_RESPONSE = 0.05
P_FOLLOWUP = 0.15
_HAPPY = (0.03, 0.05, 0.15, 0.40, 0.37)  # satisfaction/readiness 1..5 for completers
_UNHAPPY = (0.12, 0.16, 0.30, 0.28, 0.14)


def _likert(rng: random.Random, weights: tuple[float, ...]) -> str:
    if rng.random() < 0.03:
        return ""  # skipped question
    return str(rng.choices((1, 2, 3, 4, 5), weights)[0])


class Surveys:
    def __init__(self, export: int) -> None:
        self.export = export
        self.next_response = 1

    def rows(self, rng: random.Random, student_id: str, parts: list[Participation]) -> list[list]:
        out: list[list] = []
        for part in parts:
            if part.exit is None:
                continue
            if rng.random() < P_EXIT_RESPONSE[part.status]:
                when = part.exit + rng.randint(0, 30)
                out += self._response(rng, student_id, part, "exit", when)
                if rng.random() < P_SECOND_RESPONSE:
                    out += self._response(rng, student_id, part, "exit", when + rng.randint(1, 20))
            if rng.random() < P_FOLLOWUP:
                out += self._response(
                    rng, student_id, part, "followup", part.exit + rng.randint(150, 400)
                )
        return out

    def _response(
        self, rng: random.Random, student_id: str, part: Participation, kind: str, when: int
    ) -> list[list]:
        if when > self.export:
            return []
        weights = _HAPPY if part.status == "completed" else _UNHAPPY
        satisfaction = _likert(rng, weights)
        readiness = _likert(rng, weights)
        r = rng.random()
        recommend = "U" if r < 0.05 else ("Y" if r < (0.85 if weights is _HAPPY else 0.55) else "N")
        if rng.random() < 0.03:
            recommend = recommend.lower()
        response_id = f"SR{self.next_response:08d}"
        self.next_response += 1
        return [
            [response_id, student_id, part.program.program_id, kind, when, satisfaction,
             readiness, recommend]
        ]  # fmt: skip
