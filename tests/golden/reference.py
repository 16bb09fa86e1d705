"""An independent reference implementation of METRICS.md (+ docs/methodology.md).

Reads the landing CSVs directly (never the warehouse) and computes the published rows of
`outcome_metrics`, `equity_gaps` and `identity_match_report` in plain Python. Only the
landing *contract* (column names, row validity) is shared with the product, through
`equipath.landing.contract` / `values` / `row_rules`: which rows the loader accepts is
the contract's business, not the metric layer's. Everything from identity resolution on
is written here from the spec, without looking at the dbt models.

Kaplan-Meier is computed in exact rationals (fractions.Fraction).
"""

from __future__ import annotations

import csv
import fnmatch
import math
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

from equipath.landing.contract import TABLES, Table
from equipath.landing.row_rules import ROW_RULES
from equipath.landing.values import ValueProblem, check_value

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "seeds"
Z = 1.96

RATE_METRICS = (
    "completion_rate",
    "credential_attainment_rate",
    "employment_rate_q2",
    "employment_rate_q4",
    "retention_same_employer",
    "living_wage_rate",
    "placement_rate_180d",
    "job_retention_180d",
    "in_field_rate",
    "skill_gain_rate",
    "stack_rate_365d",
    "survey_response_rate",
    "satisfaction_top2_rate",
    "readiness_top2_rate",
)
MEDIAN_METRICS = ("median_earnings_q2", "median_earnings_q2_real", "median_earnings_change_real")
KM_METRICS = ("km_placement_180d", "km_median_days_to_employment")
ALL_METRICS = RATE_METRICS + MEDIAN_METRICS + KM_METRICS

SEX = {"F": "Female", "M": "Male", "X": "Another sex", "U": "Unknown"}
YNU = {"Y": "Yes", "N": "No", "U": "Unknown"}
FLAG_DIMS = ("first_generation", "low_income", "veteran", "disability", "english_learner")
RACES = (
    ("race_american_indian_alaska_native", "American Indian or Alaska Native"),
    ("race_asian", "Asian"),
    ("race_black", "Black or African American"),
    ("race_native_hawaiian_pacific_islander", "Native Hawaiian or Other Pacific Islander"),
    ("race_white", "White"),
)


# ----------------------------------------------------------------------------- reading
def read_table(landing: Path, table: Table) -> list[dict[str, str | None]]:
    """Valid rows of one contract table, in load order (file name, row), first key wins."""
    folder = landing / table.folder
    if not folder.is_dir():
        return []
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and not p.name.startswith(".")
        and fnmatch.fnmatch(p.name.lower(), table.pattern.lower())
    )
    rows: list[dict[str, str | None]] = []
    seen_keys: set[tuple] = set()
    for path in files:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = [h.strip().lower() for h in next(reader)]
            for row_number, fields in enumerate(reader, start=2):
                if not fields:
                    continue
                raw = dict(zip(header, fields, strict=True))
                checked: dict[str, str | None] = {}
                try:
                    for column in table.columns:
                        checked[column.name] = check_value(column, raw.get(column.name, ""))
                except ValueProblem:
                    continue
                rule = ROW_RULES.get(table.name)
                if rule is not None and rule(checked):
                    continue
                if table.key:
                    key = tuple(checked[k] for k in table.key)
                    if key in seen_keys:
                        continue
                    seen_keys.add(key)
                checked["_file"] = path.relative_to(landing).as_posix()
                checked["_row"] = str(row_number)
                rows.append(checked)
    return rows


def read_landing(landing: Path) -> dict[str, list[dict[str, str | None]]]:
    data = {t.name: read_table(landing, t) for t in TABLES}
    programs = {r["program_id"] for r in data["programs"]}
    employers = {r["employer_id"] for r in data["employers"]}
    for name in ("enrollments", "credential_awards", "course_results", "assessments"):
        data[name] = [r for r in data[name] if r["program_id"] in programs]
    data["survey_responses"] = [r for r in data["survey_responses"] if r["program_id"] in programs]
    data["hires"] = [r for r in data["hires"] if r["employer_id"] in employers]
    return data


def read_seed(name: str) -> dict[int, float]:
    with (SEEDS / name).open(newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        return {int(y): float(v) for y, v in reader}


def seed_value(seed: dict[int, float], year: int) -> float:
    """A year missing from a seed takes the latest earlier year's value."""
    earlier = [y for y in seed if y <= year]
    return seed[max(earlier)]


# ----------------------------------------------------------------------- normalisation
def norm_email(v: str | None) -> str | None:
    return v.strip().lower() if v else None


def norm_name(v: str | None) -> str | None:
    if not v:
        return None
    decomposed = unicodedata.normalize("NFKD", v.strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def norm_ssn(v: str | None) -> str | None:
    return "".join(ch for ch in v if ch.isdigit()) if v else None


def d(v: str | None) -> date | None:
    return date.fromisoformat(v) if v else None


def qidx(day: date) -> int:
    return day.year * 4 + (day.month - 1) // 3


def q_first(q: int) -> date:
    return date(q // 4, (q % 4) * 3 + 1, 1)


def q_last(q: int) -> date:
    return q_first(q + 1) - timedelta(days=1)


# ----------------------------------------------------------------------------- students
@dataclass
class Student:
    sid: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    emails: set[str] = field(default_factory=set)
    ssns: set[str] = field(default_factory=set)
    triples: set[tuple[str, str, date]] = field(default_factory=set)


_ATTRS = (
    "sex",
    "hispanic_latino",
    *(c for c, _ in RACES),
    "nonresident",
    *FLAG_DIMS,
    "birth_date",
)


def _unknown(attr: str, value: str | None) -> bool:
    if value is None or value == "":
        return True
    if attr in ("sex", "hispanic_latino", *FLAG_DIMS):
        return value == "U"
    return False


def build_students(rows: list[dict]) -> dict[str, Student]:
    by_id: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_id[r["student_id"]].append(r)
    students: dict[str, Student] = {}
    for sid, srows in by_id.items():
        srows.sort(key=lambda r: (r["updated_at"], r["_file"], int(r["_row"])))
        st = Student(sid)
        for attr in _ATTRS:
            value = None
            for r in srows:  # ascending: the latest known value ends up in `value`
                if not _unknown(attr, r[attr]):
                    value = r[attr]
            st.attrs[attr] = value
        for r in srows:
            if r["email"]:
                st.emails.add(norm_email(r["email"]))
            if r["ssn"]:
                st.ssns.add(norm_ssn(r["ssn"]))
            if r["first_name"] and r["last_name"] and r["birth_date"]:
                st.triples.add(
                    (norm_name(r["first_name"]), norm_name(r["last_name"]), d(r["birth_date"]))
                )
        students[sid] = st
    return students


def race_group(a: dict[str, str | None]) -> str:
    if a.get("nonresident") == "Y":
        return "U.S. Nonresident"
    if a.get("hispanic_latino") == "Y":
        return "Hispanic or Latino"
    flagged = [label for col, label in RACES if a.get(col) == "Y"]
    if not flagged:
        return "Race and ethnicity unknown"
    if len(flagged) > 1:
        return "Two or more races"
    return flagged[0]


def age_band(birth: date | None, entry: date) -> str:
    if birth is None or birth > entry:
        return "Unknown"
    age = entry.year - birth.year - ((entry.month, entry.day) < (birth.month, birth.day))
    if age < 20:
        return "Under 20"
    for low, high, label in ((20, 24, "20-24"), (25, 34, "25-34"), (35, 44, "35-44")):
        if low <= age <= high:
            return label
    return "45-54" if age <= 54 else "55+"


# ----------------------------------------------------------------------------- linking
def _match(candidates: set[str]) -> tuple[str, str | None]:
    if len(candidates) == 1:
        return "linked", next(iter(candidates))
    return ("ambiguous" if candidates else "unlinked"), None


def link_all(data: dict, students: dict[str, Student]):
    email_index: dict[str, set[str]] = defaultdict(set)
    ssn_index: dict[str, set[str]] = defaultdict(set)
    triple_index: dict[tuple, set[str]] = defaultdict(set)
    for st in students.values():
        for e in st.emails:
            email_index[e].add(st.sid)
        for s in st.ssns:
            ssn_index[s].add(st.sid)
        for t in st.triples:
            triple_index[t].add(st.sid)

    report = {}
    users: dict[str, str] = {}
    counts = {"records": 0, "linked": 0, "unlinked": 0, "ambiguous": 0}
    for u in data["lms_users"]:
        counts["records"] += 1
        if u["sis_student_id"] and u["sis_student_id"] in students:
            status, sid = "linked", u["sis_student_id"]
        elif u["email"]:
            status, sid = _match(email_index.get(norm_email(u["email"]), set()))
        else:
            status, sid = "unlinked", None
        counts[status] += 1
        if sid:
            users[u["lms_user_id"]] = sid
    report["lms_users"] = counts

    hires: list[tuple[str, dict]] = []
    counts = {"records": 0, "linked": 0, "unlinked": 0, "ambiguous": 0}
    for h in data["hires"]:
        counts["records"] += 1
        status, sid = "unlinked", None
        if h["employee_email"]:
            status, sid = _match(email_index.get(norm_email(h["employee_email"]), set()))
        if status == "unlinked" and h["first_name"] and h["last_name"] and h["birth_date"]:
            triple = (norm_name(h["first_name"]), norm_name(h["last_name"]), d(h["birth_date"]))
            status, sid = _match(triple_index.get(triple, set()))
        counts[status] += 1
        if sid:
            hires.append((sid, h))
    report["hires"] = counts

    wages: list[tuple[str, dict]] = []
    counts = {"records": 0, "linked": 0, "unlinked": 0, "ambiguous": 0}
    for w in data["wages"]:
        counts["records"] += 1
        status, sid = _match(ssn_index.get(norm_ssn(w["ssn"]), set()))
        counts[status] += 1
        if sid:
            wages.append((sid, w))
    report["wages"] = counts
    return users, hires, wages, report


# ----------------------------------------------------------------------------- metrics
@dataclass
class Participation:
    sid: str
    program: str
    entry: date
    exit: date | None  # None while active (incl. exit after as_of)
    status: str
    modality: str | None
    groups: dict[str, str]


def wilson(k: int, n: int) -> tuple[float, float]:
    p = k / n
    denom = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / denom
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / denom
    return centre - half, centre + half


def median(values: list[float]) -> float:
    v = sorted(values)
    m = len(v) // 2
    return v[m] if len(v) % 2 else (v[m - 1] + v[m]) / 2


def kaplan_meier(obs: list[tuple[int, bool]]) -> tuple[float, float | None]:
    """(1 - S(180), smallest event time t with S(t) <= 1/2), exact, events first."""
    s = Fraction(1)
    s180 = Fraction(1)
    med = None
    for t in sorted({t for t, e in obs if e}):
        at_risk = sum(1 for u, _ in obs if u >= t)
        events = sum(1 for u, e in obs if e and u == t)
        s *= 1 - Fraction(events, at_risk)
        if t <= 180:
            s180 = s
        if med is None and s <= Fraction(1, 2):
            med = float(t)
    return float(1 - s180), med


def compute(landing: Path, as_of: date) -> dict:
    data = read_landing(landing)
    students = build_students(data["students"])
    users, linked_hires, linked_wages, identity = link_all(data, students)
    programs = {p["program_id"]: p for p in data["programs"]}
    cpi = read_seed("cpi_u_annual.csv")
    living = read_seed("living_wage.csv")
    base_cpi = cpi[max(cpi)]

    def real(amount: float, q: int) -> float:
        return amount * base_cpi / seed_value(cpi, q // 4)

    # observable quarters: a loaded wage row (linked or not), ended on or before as_of
    observable = {
        int(w["year"]) * 4 + int(w["quarter"]) - 1
        for w in data["wages"]
        if q_last(int(w["year"]) * 4 + int(w["quarter"]) - 1) <= as_of
    }
    last_observable_day = q_last(max(observable)) if observable else as_of
    ui: dict[tuple[str, int], float] = defaultdict(float)
    ui_fein: dict[tuple[str, int], set[str]] = defaultdict(set)
    for sid, w in linked_wages:
        q = int(w["year"]) * 4 + int(w["quarter"]) - 1
        ui[(sid, q)] += float(w["wages"])
        if float(w["wages"]) > 0:
            ui_fein[(sid, q)].add(w["employer_fein"])

    # placements: linked, job/apprenticeship, hired by as_of; separation after as_of = blank
    placements: dict[str, list[dict]] = defaultdict(list)
    for sid, h in linked_hires:
        hire = d(h["hire_date"])
        if h["placement_type"] not in ("job", "apprenticeship") or hire > as_of:
            continue
        sep = d(h["separation_date"])
        if sep is not None and sep > as_of:
            sep = None
        placements[sid].append({"hire": hire, "sep": sep, "soc": h["soc_code"]})

    def employed(sid: str, q: int) -> bool:
        if ui[(sid, q)] > 0:
            return True
        return any(
            p["hire"] <= q_last(q) and (p["sep"] is None or p["sep"] >= q_first(q))
            for p in placements[sid]
        )

    def start_days(sid: str, exit_: date) -> int | None:
        starts = [p["hire"] for p in placements[sid] if p["hire"] >= exit_]
        if any(
            p["hire"] < exit_ and (p["sep"] is None or p["sep"] >= exit_) for p in placements[sid]
        ):
            starts.append(exit_)
        xq = qidx(exit_)
        if xq in observable and ui[(sid, xq)] > 0:
            starts.append(exit_)
        later = sorted(q for q in observable if q > xq and ui[(sid, q)] > 0)
        if later:
            starts.append(q_first(later[0]))
        return (min(starts) - exit_).days if starts else None

    # participations
    parts: list[Participation] = []
    for e in data["enrollments"]:
        entry = d(e["entry_date"])
        if entry > as_of:
            continue
        exit_, status = d(e["exit_date"]), e["exit_status"]
        if exit_ is not None and exit_ > as_of:
            exit_, status = None, "active"
        st = students.get(e["student_id"])
        a = st.attrs if st else {}
        sex = SEX[a.get("sex") or "U"]
        race = race_group(a)
        groups = {
            "all": "All",
            "race_ethnicity": race,
            "sex": sex,
            "age_band": age_band(d(a.get("birth_date")), entry),
            **{f: YNU[a.get(f) or "U"] for f in FLAG_DIMS},
            "race_ethnicity_x_sex": f"{race} / {sex}",
            "modality": e["modality"] or "Unknown",
        }
        parts.append(
            Participation(
                e["student_id"], e["program_id"], entry, exit_, status, e["modality"], groups
            )
        )

    awards: dict[tuple[str, str], list[date]] = defaultdict(list)
    for a in data["credential_awards"]:
        awards[(a["student_id"], a["program_id"])].append(d(a["award_date"]))
    passes: dict[tuple[str, str], list[date]] = defaultdict(list)
    for a in data["assessments"]:
        sid = users.get(a["lms_user_id"])
        if sid and a["passed"] == "Y":
            passes[(sid, a["program_id"])].append(d(a["assessed_at"]))
    surveys: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in data["survey_responses"]:
        if r["survey_type"] == "exit" and d(r["responded_at"]) <= as_of:
            surveys[(r["student_id"], r["program_id"])].append(r)

    # records: (metric, cohort_year, participation, payload)
    #   rates: payload 0/1 ; medians: float ; km: (time, event)
    records: list[tuple[str, int, Participation, object]] = []

    def add(metric: str, year: int, p: Participation, payload: object) -> None:
        records.append((metric, year, p, payload))

    y365 = timedelta(days=365)
    for p in parts:
        prog = programs[p.program]
        # entry-based
        window_end = p.entry + timedelta(days=(21 * int(prog["nominal_weeks"]) + 1) // 2)
        if window_end <= as_of:
            done = p.status == "completed" and p.exit is not None and p.exit <= window_end
            add("completion_rate", p.entry.year, p, int(done))
        end = p.exit or as_of
        gained = any(p.entry <= t <= end and t <= as_of for t in passes[(p.sid, p.program)])
        add("skill_gain_rate", p.entry.year, p, int(gained))
        if p.exit is None:
            continue
        # exit-based
        x, year = p.exit, p.exit.year
        completer = p.status == "completed"
        if x + y365 <= as_of:
            got = any(p.entry <= t <= x + y365 and t <= as_of for t in awards[(p.sid, p.program)])
            add("credential_attainment_rate", year, p, int(got))
        xq = qidx(x)
        q2, q4, qb = xq + 2, xq + 4, qidx(p.entry) - 2
        if q2 in observable:
            add("employment_rate_q2", year, p, int(employed(p.sid, q2)))
            earn = ui[(p.sid, q2)]
            lw = seed_value(living, q2 // 4)
            add("living_wage_rate", year, p, int(4 * earn >= lw))
            if earn > 0:
                add("median_earnings_q2", year, p, earn)
                add("median_earnings_q2_real", year, p, real(earn, q2))
                if q4 in observable:
                    same = bool(ui_fein[(p.sid, q2)] & ui_fein[(p.sid, q4)])
                    add("retention_same_employer", year, p, int(same))
                if qb in observable and ui[(p.sid, qb)] > 0:
                    change = real(earn, q2) - real(ui[(p.sid, qb)], qb)
                    add("median_earnings_change_real", year, p, change)
        if q4 in observable:
            add("employment_rate_q4", year, p, int(employed(p.sid, q4)))
        if completer:
            days = start_days(p.sid, x)
            if x + timedelta(days=180) <= as_of:
                add("placement_rate_180d", year, p, int(days is not None and days <= 180))
            if days is None:
                censor = max(0, (min(as_of, last_observable_day) - x).days)
                obs = (censor, False)
            else:
                obs = (days, True)
            add("km_placement_180d", year, p, obs)
            add("km_median_days_to_employment", year, p, obs)
            nxt = prog["stacks_into"]
            if nxt and x + y365 <= as_of:
                stacked = any(
                    o.sid == p.sid and o.program == nxt and p.entry <= o.entry <= x + y365
                    for o in parts
                )
                add("stack_rate_365d", year, p, int(stacked))
        targets = set((prog["target_soc_codes"] or "").split(";")) - {""}
        for pl in placements[p.sid]:
            if not (p.entry <= pl["hire"] <= x + y365):
                continue
            if pl["hire"] + timedelta(days=180) <= as_of:
                kept = pl["sep"] is None or pl["sep"] > pl["hire"] + timedelta(days=180)
                add("job_retention_180d", year, p, int(kept))
            if pl["soc"]:
                add("in_field_rate", year, p, int(pl["soc"] in targets))
        responses = surveys[(p.sid, p.program)]
        add("survey_response_rate", year, p, int(bool(responses)))
        if responses:
            latest = max(responses, key=lambda r: (r["responded_at"], r["response_id"]))
            for metric, col in (
                ("satisfaction_top2_rate", "satisfaction"),
                ("readiness_top2_rate", "readiness"),
            ):
                value = latest[col]
                add(metric, year, p, int(value is not None and int(value) >= 4))

    # aggregate
    cells: dict[tuple[str, int, str, str, str], list] = defaultdict(list)
    for metric, year, p, payload in records:
        for program in ("ALL", p.program):
            for dim, group in p.groups.items():
                cells[(metric, year, program, dim, group)].append(payload)

    outcome: dict[tuple[str, int, str, str, str], dict] = {}
    for key, payloads in cells.items():
        metric = key[0]
        n = len(payloads)
        if metric in RATE_METRICS:
            k = sum(payloads)
            lo, hi = wilson(k, n)
            outcome[key] = {"numerator": k, "denominator": n, "value": k / n}
            outcome[key].update(ci_low=lo, ci_high=hi)
        elif metric in MEDIAN_METRICS:
            outcome[key] = {"numerator": None, "denominator": n, "value": median(payloads)}
            outcome[key].update(ci_low=None, ci_high=None)
        else:
            km, med = kaplan_meier(payloads)
            value = km if metric == "km_placement_180d" else med
            outcome[key] = {"numerator": None, "denominator": n, "value": value}
            outcome[key].update(ci_low=None, ci_high=None)

    gaps = equity_gaps(outcome)
    return {"outcome_metrics": outcome, "equity_gaps": gaps, "identity_match_report": identity}


def equity_gaps(outcome: dict) -> dict:
    families: dict[tuple[str, int, str, str], dict[str, dict]] = defaultdict(dict)
    for (metric, year, program, dim, group), row in outcome.items():
        if metric in RATE_METRICS and dim != "all":
            families[(metric, year, program, dim)][group] = row
    gaps = {}
    for (metric, year, program, dim), groups in families.items():
        big = [r["value"] for r in groups.values() if r["denominator"] >= 10]
        best = max(big) if big else None
        for group, row in groups.items():
            k, n, rate = row["numerator"], row["denominator"], row["value"]
            others = [r for g, r in groups.items() if g != group]
            moe = max(Z * math.sqrt(0.25 / n), 0.03)
            ref_n = sum(r["denominator"] for r in others)
            if others:
                ref = sum(r["numerator"] for r in others) / ref_n
                ppg1 = rate - ref
                di = n >= 10 and ref_n >= 10 and ppg1 <= -moe
                no_di = next((j for j in range(n - k + 1) if (k + j) / n - ref > -moe), None)
                parity = next((j for j in range(n - k + 1) if (k + j) / n >= ref), None)
            else:
                ref = ppg1 = no_di = parity = None
                di = False
            index = rate / best if best else None
            gaps[(metric, year, program, dim, group)] = {
                "rate": rate,
                "n": n,
                "reference_rate": ref,
                "reference_n": ref_n,
                "ppg1": ppg1,
                "moe": moe,
                "di_flag": di,
                "successes_needed_no_di": no_di,
                "successes_needed_parity": parity,
                "index_80": index,
                "flag_80": index is not None and index < 0.8,
            }
    return gaps
