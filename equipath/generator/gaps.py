"""The equity gaps planted in the simulation, in one place, with their exact sizes.

Each gap is a shift of a probability (or a factor on pay) applied while a learner's
journey is simulated, never an edit of finished rows, so every downstream metric sees it
the way it would see a real disparity: diluted where the metric mixes in other paths.
docs/sample_data.md states the sizes and what each metric should show. Outside these
shifts no group differs from any other except by chance.
"""

from __future__ import annotations

#: P(exit_status = completed) for learners with low_income = Y, added to the program's
#: base completion probability (percentage points / 100).
LOW_INCOME_COMPLETION_SHIFT = -0.12

#: P(employed after exit) for exiters whose IPEDS race/ethnicity is Black or African
#: American. employment_rate_q2 sees only part of it (employment is visible through UI
#: wages, which need an SSN, or through a partner's hires export), so this shift is sized
#: for a gap of about 8 points in that metric.
BLACK_EMPLOYMENT_SHIFT = -0.11

#: P(credential award | completed) for english_learner = Y. Among exiters (the
#: credential_attainment_rate denominator) it shows as this × the completer share.
ENGLISH_LEARNER_AWARD_SHIFT = -0.15

#: P(a job that starts within 180 days of exit | employed after exit) for learners aged
#: 45-54 at entry; a slow start begins after the quarter holding exit + 180 days.
AGE_45_54_FAST_START_SHIFT = -0.25

#: Factor on every pay rate (UI wages and hires' hourly_wage) for sex = F.
FEMALE_PAY_FACTOR = 0.87
