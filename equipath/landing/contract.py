"""The landing data contract (../shared/spec/DATA_CONTRACT.md) as data.

Every rule the loader enforces row by row is declared here, once, so that the loader,
the generator, the raw schema and the documentation read the same source of truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal[
    "text",  # any text; trimmed
    "date",  # ISO YYYY-MM-DD or MM/DD/YYYY, normalised to ISO
    "int",  # whole number
    "decimal",  # decimal number
    "code",  # one of `codes` (matched case-insensitively, stored upper/lower as listed)
    "ssn",  # 9 digits, dashes/spaces allowed; pseudonymised
    "pii_name",  # a person's name; pseudonymised
    "pii_email",  # an email address; pseudonymised
    "id_list",  # `id[;id…]`
    "pattern",  # text matching `pattern`
]

YNU = ("Y", "N", "U")
YN = ("Y", "N")


@dataclass(frozen=True)
class Column:
    """One contract column and the row-level rule that guards it."""

    name: str
    kind: Kind = "text"
    required: bool = False  # blank is a row-level error
    codes: tuple[str, ...] = ()
    blank_code: str | None = None  # code that a blank value stands for (Y/N/U: "U")
    min_value: float | None = None
    max_value: float | None = None
    pattern: str | None = None  # regular expression for kind "pattern"/"id_list" items
    pattern_hint: str = ""  # human wording of the pattern, for reject reasons
    quasi_identifier: bool = False  # kept, but never echoed in a reject reason
    optional_in_header: bool = False  # the export may leave the column out entirely

    @property
    def is_pii(self) -> bool:
        """Direct identifiers are replaced by keyed hashes before anything is written."""
        return self.kind in ("ssn", "pii_name", "pii_email")

    @property
    def raw_name(self) -> str:
        """Name of the column in the raw warehouse table (`ssn` → `ssn_key`)."""
        return f"{self.name}_key" if self.is_pii else self.name

    @property
    def echo_allowed(self) -> bool:
        """Whether a reject reason may quote the offending value.

        Only structured values (codes, dates, numbers, patterns) are quoted: they are what
        the sender needs to see to fix an export, and they identify nobody. Identifiers,
        free text and quasi-identifiers are never quoted.
        """
        structured = self.kind in ("date", "int", "decimal", "code", "pattern", "id_list")
        return structured and not (self.is_pii or self.quasi_identifier)


@dataclass(frozen=True)
class Table:
    """One landing table: where its files live and what each row must satisfy."""

    name: str  # raw table name
    folder: str  # landing sub-folder
    pattern: str  # file-name glob inside the folder
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # unique key across all files of the table (empty: none)
    references: dict[str, str] = field(default_factory=dict)  # column -> referenced table
    description: str = ""

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def raw_column_names(self) -> tuple[str, ...]:
        return tuple(c.raw_name for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _ynu(name: str) -> Column:
    return Column(name, "code", codes=YNU, blank_code="U")


def _yn(name: str) -> Column:
    return Column(name, "code", codes=YN)


_ID_LIST = r"[A-Za-z0-9_.-]+"
_CIP = r"\d{2}\.\d{4}"
_SOC = r"\d{2}-\d{4}"

PROGRAMS = Table(
    name="programs",
    folder="catalog",
    pattern="programs.csv",
    description="One row a program: a microcredential, certificate, apprenticeship or degree.",
    key=("program_id",),
    columns=(
        Column("program_id", required=True),
        Column("program_name", required=True),
        Column(
            "credential_type",
            "code",
            required=True,
            codes=("microcredential", "certificate", "apprenticeship", "degree"),
        ),
        Column("cip_code", "pattern", required=True, pattern=_CIP, pattern_hint="NN.NNNN"),
        Column(
            "target_soc_codes",
            "id_list",
            pattern=_SOC,
            pattern_hint="NN-NNNN[;NN-NNNN…]",
        ),
        Column("nominal_weeks", "int", required=True, min_value=1),
        Column("stacks_into"),
        Column("funder_ids", "id_list", pattern=_ID_LIST, pattern_hint="id[;id…]"),
        Column("employer_partner_ids", "id_list", pattern=_ID_LIST, pattern_hint="id[;id…]"),
    ),
)

FUNDERS = Table(
    name="funders",
    folder="catalog",
    pattern="funders.csv",
    description="One row a funder that pays for programs and receives scheduled reports.",
    key=("funder_id",),
    columns=(
        Column("funder_id", required=True),
        Column("funder_name", required=True),
        Column("report_email"),
        Column("report_frequency", "code", required=True, codes=("quarterly", "annual")),
    ),
)

EMPLOYERS = Table(
    name="employers",
    folder="catalog",
    pattern="employers.csv",
    description="One row a partner employer.",
    key=("employer_id",),
    columns=(
        Column("employer_id", required=True),
        Column("employer_name", required=True),
        Column("fein", "pattern", pattern=r"\d{9}", pattern_hint="9 digits"),
        Column("naics_code", "pattern", pattern=r"\d{2,6}", pattern_hint="2 to 6 digits"),
        Column("size_band", "code", codes=("1-49", "50-249", "250+")),
    ),
)

STUDENTS = Table(
    name="students",
    folder="sis",
    pattern="students*.csv",
    description="Demographic snapshots; a student may appear in several rows or files.",
    key=(),
    columns=(
        Column("student_id", required=True),
        Column("ssn", "ssn"),
        Column("first_name", "pii_name"),
        Column("last_name", "pii_name"),
        Column("birth_date", "date", quasi_identifier=True),
        Column("email", "pii_email"),
        Column("sex", "code", codes=("F", "M", "X", "U"), blank_code="U"),
        _ynu("hispanic_latino"),
        _yn("race_american_indian_alaska_native"),
        _yn("race_asian"),
        _yn("race_black"),
        _yn("race_native_hawaiian_pacific_islander"),
        _yn("race_white"),
        _yn("nonresident"),
        _ynu("first_generation"),
        _ynu("low_income"),
        _ynu("veteran"),
        _ynu("disability"),
        _ynu("english_learner"),
        Column(
            "zip_code", "pattern", pattern=r"\d{5}", pattern_hint="5 digits", quasi_identifier=True
        ),
        Column("updated_at", "date", required=True),
    ),
)

ENROLLMENTS = Table(
    name="enrollments",
    folder="sis",
    pattern="enrollments*.csv",
    description="One row a participation of a student in a program.",
    key=("enrollment_id",),
    references={"program_id": "programs"},
    columns=(
        Column("enrollment_id", required=True),
        Column("student_id", required=True),
        Column("program_id", required=True),
        Column("entry_date", "date", required=True),
        Column("exit_date", "date"),
        Column(
            "exit_status",
            "code",
            required=True,
            codes=("completed", "withdrawn", "transferred", "active"),
        ),
        Column("modality", "code", codes=("online", "in_person", "hybrid", "work_based")),
    ),
)

CREDENTIAL_AWARDS = Table(
    name="credential_awards",
    folder="sis",
    pattern="credential_awards*.csv",
    description="One row a credential awarded to a student for a program.",
    key=("award_id",),
    references={"program_id": "programs"},
    columns=(
        Column("award_id", required=True),
        Column("student_id", required=True),
        Column("program_id", required=True),
        Column("award_date", "date", required=True),
        Column("credential_name"),
        Column("badge_url", optional_in_header=True),
    ),
)

LMS_USERS = Table(
    name="lms_users",
    folder="lms",
    pattern="users*.csv",
    description="One row an LMS account; links to a student by sis_student_id, else email.",
    key=("lms_user_id",),
    columns=(
        Column("lms_user_id", required=True),
        Column("sis_student_id"),
        Column("email", "pii_email"),
    ),
)

COURSE_RESULTS = Table(
    name="course_results",
    folder="lms",
    pattern="course_results*.csv",
    description="One row an LMS user's activity and result in a course.",
    key=("lms_user_id", "course_id"),
    references={"program_id": "programs"},
    columns=(
        Column("lms_user_id", required=True),
        Column("course_id", required=True),
        Column("program_id", required=True),
        Column("first_activity_at", "date"),
        Column("last_activity_at", "date"),
        Column("minutes_active", "int", min_value=0),
        Column("final_score", "decimal", min_value=0, max_value=100),
    ),
)

ASSESSMENTS = Table(
    name="assessments",
    folder="lms",
    pattern="assessments*.csv",
    description="One row a competency assessment of an LMS user.",
    key=("lms_user_id", "course_id", "competency_id", "assessed_at"),
    references={"program_id": "programs"},
    columns=(
        Column("lms_user_id", required=True),
        Column("course_id", required=True),
        Column("program_id", required=True),
        Column("competency_id", required=True),
        Column("assessed_at", "date", required=True),
        Column("score", "decimal", required=True, min_value=0, max_value=100),
        Column("passed", "code", required=True, codes=YN),
    ),
)

HIRES = Table(
    name="hires",
    folder="employer",
    pattern="hires*.csv",
    description="One row a hire, internship or apprenticeship placement at a partner employer.",
    key=("employer_id", "record_id"),
    references={"employer_id": "employers"},
    columns=(
        Column("employer_id", required=True),
        Column("record_id", required=True),
        Column("employee_email", "pii_email"),
        Column("first_name", "pii_name"),
        Column("last_name", "pii_name"),
        Column("birth_date", "date", quasi_identifier=True),
        Column("hire_date", "date", required=True),
        Column("separation_date", "date"),
        Column("job_title"),
        Column("soc_code", "pattern", pattern=_SOC, pattern_hint="NN-NNNN"),
        Column("hourly_wage", "decimal", min_value=0),
        Column("weekly_hours", "decimal", min_value=0, max_value=80),
        Column(
            "placement_type",
            "code",
            required=True,
            codes=("job", "internship", "apprenticeship"),
        ),
    ),
)

WAGES = Table(
    name="wages",
    folder="wages",
    pattern="wages*.csv",
    description="State UI wage records: one row a person × employer × quarter.",
    key=("ssn", "year", "quarter", "employer_fein"),
    columns=(
        Column("ssn", "ssn", required=True),
        Column("year", "int", required=True, min_value=1990, max_value=2100),
        Column("quarter", "int", required=True, min_value=1, max_value=4),
        Column(
            "employer_fein", "pattern", required=True, pattern=r"\d{9}", pattern_hint="9 digits"
        ),
        Column("naics_code", "pattern", pattern=r"\d{2,6}", pattern_hint="2 to 6 digits"),
        Column("wages", "decimal", required=True, min_value=0),
    ),
)

SURVEY_RESPONSES = Table(
    name="survey_responses",
    folder="survey",
    pattern="responses*.csv",
    description="One row a survey response of a student about a program.",
    key=("response_id",),
    references={"program_id": "programs"},
    columns=(
        Column("response_id", required=True),
        Column("student_id", required=True),
        Column("program_id", required=True),
        Column("survey_type", "code", required=True, codes=("exit", "followup")),
        Column("responded_at", "date", required=True),
        Column("satisfaction", "int", min_value=1, max_value=5),
        Column("readiness", "int", min_value=1, max_value=5),
        _ynu("would_recommend"),
    ),
)

#: Load order: referenced tables first.
TABLES: tuple[Table, ...] = (
    PROGRAMS,
    FUNDERS,
    EMPLOYERS,
    STUDENTS,
    ENROLLMENTS,
    CREDENTIAL_AWARDS,
    LMS_USERS,
    COURSE_RESULTS,
    ASSESSMENTS,
    HIRES,
    WAGES,
    SURVEY_RESPONSES,
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
