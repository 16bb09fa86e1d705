"""`equipath`: the one command people, the README, the Makefile and CI all use."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import asdict
from datetime import date
from pathlib import Path

from equipath.exports import EXPORTS, TIER_EXPORTS, TIERS, ExportError, export_table

REPO_ROOT = Path(__file__).resolve().parents[1]


def _fail(message: str, code: int = 1) -> int:
    print(f"equipath: error: {message}", file=sys.stderr)
    return code


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date in YYYY-MM-DD form") from None


def _set_build_env(landing: Path | None, warehouse: Path, as_of: str | None) -> None:
    """Hand the flags to the Dagster definitions, which read them from the environment."""
    from orchestration import paths

    os.environ[paths.ENV_WAREHOUSE] = str(warehouse.resolve())
    if landing is not None:
        os.environ[paths.ENV_LANDING] = str(landing.resolve())
    if as_of is not None:
        os.environ[paths.ENV_AS_OF] = as_of
    os.environ["PATH"] = f"{paths.venv_bin()}{os.pathsep}{os.environ.get('PATH', '')}"


def cmd_generate(args: argparse.Namespace) -> int:
    from equipath.generator import generate

    summary = generate(Path(args.out), students=args.students, seed=args.seed)
    data = asdict(summary)
    total = sum(data["files"].values())
    print(
        f"wrote {len(data['files'])} files, {total:,} rows, to {args.out} in "
        f"{data['seconds']:.1f} s (planted contract breaks: "
        f"{sum(data['planted_rejects'].values())})"
    )
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from equipath.landing.pseudonymise import MissingSecretKeyError, secret_key_from_env

    landing = Path(args.landing)
    if not landing.is_dir():
        return _fail(
            f"landing folder {landing} does not exist. Fix: point --landing at the folder "
            "holding catalog/, sis/, lms/, employer/, wages/ and survey/"
        )
    try:
        secret_key_from_env()
    except MissingSecretKeyError as exc:
        return _fail(str(exc), 2)
    _set_build_env(landing, Path(args.warehouse), args.as_of)
    title = f"equipath build · landing {landing} · as_of {args.as_of} · warehouse {args.warehouse}"
    return _run_with_progress(args, title, selection=None, verb="Built")


def _run_with_progress(
    args: argparse.Namespace, title: str, selection: list[str] | None, verb: str
) -> int:
    """Run the build job (or `selection`) with one line a step; the full log to a file."""
    from rich.console import Console

    from equipath.build_log import log_path, output_to_log
    from equipath.build_progress import BuildProgress

    warehouse = Path(args.warehouse)
    log = log_path(warehouse.resolve())
    started = time.monotonic()
    progress: BuildProgress | None = None

    def on_line(line: str) -> None:
        if progress is not None:
            progress.output_line(line)

    with output_to_log(log, echo=args.verbose, on_line=on_line) as stream:
        console = Console(file=stream, highlight=False, soft_wrap=True)
        console.print(title, markup=False)
        from orchestration.project import prepare_manifest

        try:
            prepare_manifest()
        except RuntimeError as exc:
            print(exc, file=sys.stderr)  # into the log: dbt's own words
            failure = "dbt could not parse the project; dbt's own message is in the log"
        else:
            from orchestration.run import run_build

            console.print(f"  parse    dbt project{time.monotonic() - started:>55.1f} s")
            progress = BuildProgress(console, live=not args.verbose)
            with progress:
                outcome = run_build(selection=selection, listener=progress)
            tally = progress.finish()
            if not outcome.success:
                failure = f"build failed in {outcome.failed_step}: {outcome.error}"
            else:
                failure = None
        if failure is None:
            _print_summary(console, verb, time.monotonic() - started, warehouse, tally, log)
    if failure is not None:
        return _fail(f"{failure}\nFull log: {log}")
    return 0


def _print_summary(console, verb: str, seconds: float, warehouse: Path, tally, log: Path) -> None:
    """Where everything went: warehouse, tier files, rejects, warnings, the log."""
    from orchestration import paths

    published = paths.published_dir()
    funders = sorted(p.stem for p in (published / "funders").glob("*.duckdb"))
    rejected, tables = _rejects_in(warehouse)
    lines = [
        f"{verb} in {seconds:.1f} s.",
        f"  warehouse  {warehouse}",
        f"  published  {_shown(published)}/ (internal.duckdb, public.duckdb, "
        f"funders/ {', '.join(funders) or 'none'})",
    ]
    if rejected:
        lines.append(
            f"  rejects    {_count(rejected, 'row')} in {_count(tables, 'table')}, each with "
            f"its file, row and fix: equipath export rejects --warehouse {warehouse} "
            "--out rejects.csv"
        )
    else:
        lines.append("  rejects    none")
    warnings = tally.quality.warnings
    if warnings:
        lines.append(f"  warnings   {_count(len(warnings), 'table')} with data-quality warnings:")
        lines += [f"             {_clip(w, 140)}" for w in warnings[:5]]
        if len(warnings) > 5:
            lines.append(f"             … and {len(warnings) - 5} more in the log")
    else:
        lines.append("  warnings   none")
    lines.append(f"  log        {_shown(log)}")
    for line in lines:
        console.print(line, markup=False)


def _clip(text: str, width: int) -> str:
    """At most `width` characters, cut after a whole item of a comma list."""
    if len(text) <= width:
        return text
    return text[: width - 3].rsplit(", ", 1)[0] + ", …"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def _shown(path: Path) -> str:
    """A path as short as it can be said: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _rejects_in(warehouse: Path) -> tuple[int, int]:
    """Rejected landing rows in the warehouse (every load so far) and their tables."""
    import duckdb

    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error:
        return 0, 0
    try:
        rows, tables = con.execute(
            "select count(distinct source_file || ':' || row_number), count(distinct table_name) "
            "from raw._rejects"
        ).fetchone()
    except duckdb.Error:
        return 0, 0
    finally:
        con.close()
    return int(rows), int(tables)


def cmd_export(args: argparse.Namespace) -> int:
    from orchestration import paths

    warehouse = Path(args.warehouse)
    os.environ[paths.ENV_WAREHOUSE] = str(warehouse.resolve())
    try:
        rows = export_table(
            args.table,
            warehouse,
            Path(args.out),
            tier=args.tier,
            funder=args.funder,
            published=paths.published_dir(),
        )
    except ExportError as exc:
        return _fail(str(exc))
    source = f" ({args.tier or 'public'} tier)" if args.table in TIER_EXPORTS else ""
    print(f"wrote {rows:,} rows of {args.table}{source} to {args.out}")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    """Only the publishing step, on an already built warehouse."""
    warehouse = Path(args.warehouse)
    if not warehouse.exists():
        return _fail(f"warehouse {warehouse} does not exist. Fix: run `equipath build` first")
    _set_build_env(None, warehouse, args.as_of)
    from orchestration.run import publish_selection

    title = f"equipath publish · as_of {args.as_of} · warehouse {args.warehouse}"
    return _run_with_progress(args, title, selection=publish_selection(), verb="Published")


def cmd_ui(args: argparse.Namespace) -> int:
    landing = Path(args.landing) if args.landing else None
    _set_build_env(landing, Path(args.warehouse), args.as_of)
    from orchestration.paths import venv_bin
    from orchestration.project import prepare_manifest

    prepare_manifest()
    home = Path(os.environ.setdefault("DAGSTER_HOME", str(REPO_ROOT / ".dagster_home")))
    home.mkdir(parents=True, exist_ok=True)
    print(f"Dagster UI: http://127.0.0.1:{args.port}", flush=True)
    command = [
        str(venv_bin() / "dagster"),
        "dev",
        "-m",
        "orchestration.definitions",
        "-h",
        "127.0.0.1",
        "-p",
        str(args.port),
    ]
    return subprocess.call(command, cwd=REPO_ROOT)


def cmd_serve(args: argparse.Namespace) -> int:
    from orchestration import paths

    os.environ[paths.ENV_WAREHOUSE] = str(Path(args.warehouse).resolve())
    published = paths.published_dir()
    if not (published / "internal.duckdb").exists():
        return _fail(f"nothing published in {published}. Fix: run `equipath build` first")
    if not _port_is_free(args.host, args.port):
        return _fail(
            f"port {args.port} on {args.host} is in use (another `equipath serve`?). "
            f"Fix: stop it, or pass --port {args.port + 1} (`make demo PORT={args.port + 1}`)"
        )
    os.environ[paths.ENV_PUBLISHED] = str(published)
    from dashboards import auth

    users = auth.users_path().resolve()
    os.environ[auth.ENV_USERS] = str(users)  # the app runs from the repository root
    created = auth.create_demo_users(users)
    if created:
        print(f"Created demo dashboard users in {users} (passwords shown once):", flush=True)
        for name, password in created.items():
            role = next(r for n, r, _ in auth.DEMO_USERS if n == name)
            print(f"  {name:<10} {role:<10} {password}", flush=True)
    else:
        print(f"Dashboard users: {users} (`equipath dashboard-user add` adds one)", flush=True)
    from dashboards.server import streamlit_command

    command = streamlit_command(args.port, args.host)
    print(f"Dashboards: http://{args.host}:{args.port}", flush=True)
    print(f"Published tier files: {published}", flush=True)
    print(
        "Dagster UI (lineage, runs): `equipath ui --warehouse "
        f"{args.warehouse}` → http://127.0.0.1:3000",
        flush=True,
    )
    return subprocess.call(command, cwd=REPO_ROOT)


def _port_is_free(host: str, port: int) -> bool:
    import socket

    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def cmd_report(args: argparse.Namespace) -> int:
    """Funder reports from the funder tier files into the outbox (and e-mail, when set)."""
    from equipath.reports import Period, PeriodError, ReportError, default_outbox, read_catalog
    from equipath.reports.batch import plan, run_reports
    from equipath.reports.content import catalog_path
    from equipath.reports.delivery import DeliveryError, SmtpSettings
    from equipath.reports.svg_renderer import ChartRenderError, browser_path
    from orchestration import paths

    if args.published:
        published = Path(args.published).resolve()
    else:
        os.environ[paths.ENV_WAREHOUSE] = str(Path(args.warehouse).resolve())
        published = paths.published_dir()
    if not (published / "funders").is_dir():
        return _fail(f"no funder tier files in {published}: run `equipath build` first")
    outbox = Path(args.outbox).resolve() if args.outbox else default_outbox(published)
    landing = args.landing or os.environ.get(paths.ENV_LANDING)
    catalog = read_catalog(catalog_path(Path(landing) if landing else None))
    formats = ("html", "pdf") if args.format is None else (args.format,)
    try:
        smtp = SmtpSettings.from_env()
        if smtp is not None and not catalog:
            return _fail("e-mail delivery needs the funders' report_email: pass --landing")
        period = Period.parse(args.period) if args.period else None
        jobs = plan(published, catalog, period=period, funders=None if args.all else [args.funder])
        browser_path()  # before anything is written: no browser is one line, not a traceback
        _weasyprint_loads()
        started = time.monotonic()
        outcome = run_reports(published, outbox, jobs, catalog, formats, smtp)
    except (PeriodError, ReportError, DeliveryError) as exc:
        return _fail(str(exc))
    except ChartRenderError as exc:
        return _fail(f"reports not rendered: {exc}")
    for rendered in outcome.rendered:
        timings = ", ".join(f"{k} {v:.1f} s" for k, v in rendered.seconds.items())
        print(
            f"{rendered.funder.funder_id} {rendered.period.label} → {rendered.folder} ({timings})"
        )
    for delivery in outcome.deliveries:
        print(f"{delivery.funder_id} {delivery.period} e-mailed to {delivery.recipient}")
    print(
        f"{len(outcome.rendered)} report(s) in {time.monotonic() - started:.1f} s; outbox {outbox}"
    )
    if not outcome.success:
        return _fail("delivery failed (see delivery_log.csv):\n  " + "\n  ".join(outcome.failures))
    return 0


def _weasyprint_loads() -> None:
    """WeasyPrint needs Pango from the system: without it, one line that says so."""
    from equipath.reports.content import ReportError

    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        raise ReportError(
            f"reports not rendered: WeasyPrint cannot load its system libraries ({exc}). "
            "Fix: `sudo bash scripts/system-deps.sh` (installs Pango, HarfBuzz and fonts)"
        ) from None


def cmd_dashboard_user(args: argparse.Namespace) -> int:
    """Add (or replace) a dashboard user; the password comes from a prompt or the env."""
    import getpass

    from dashboards import auth

    if args.role == "funder" and not args.funder:
        return _fail("a funder user needs --funder <funder_id>")
    password = os.environ.get("EQUIPATH_DASHBOARD_PASSWORD")
    if not password:
        if not sys.stdin.isatty():
            return _fail("set EQUIPATH_DASHBOARD_PASSWORD or run in a terminal to be prompted")
        password = getpass.getpass(f"Password for {args.name}: ")
        if password != getpass.getpass("Repeat the password: "):
            return _fail("the passwords differ")
    if len(password) < 8:
        return _fail("a password needs at least 8 characters")
    path = Path(args.users) if args.users else auth.users_path()
    try:
        user = auth.add_user(
            path,
            args.name,
            args.role,
            password,
            funder_id=args.funder,
            email=args.email,
        )
    except auth.UsersFileError as exc:
        return _fail(str(exc))
    funder = f", funder {user.funder_id}" if user.funder_id else ""
    print(f"{user.name}: role {user.role}{funder}, saved in {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="equipath",
        description="Outcomes and equity reporting warehouse for career-connected learning.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    gen = sub.add_parser("generate", help="write realistic sample landing exports")
    gen.add_argument("--students", type=int, default=10_000)
    gen.add_argument("--seed", type=int, default=42)
    gen.add_argument("--out", required=True, help="landing folder to write")
    gen.set_defaults(func=cmd_generate)

    default_warehouse = os.environ.get("EQUIPATH_WAREHOUSE", "warehouse/equipath.duckdb")
    build = sub.add_parser("build", help="landing files → warehouse → published files")
    build.add_argument("--landing", required=True)
    build.add_argument("--as-of", required=True, type=_iso_date, dest="as_of")
    build.add_argument("--warehouse", default=default_warehouse)
    build.set_defaults(func=cmd_build)

    exp = sub.add_parser("export", help="write a published table as CSV")
    exp.add_argument("table", choices=sorted([*EXPORTS, *TIER_EXPORTS]))
    exp.add_argument("--warehouse", default=default_warehouse)
    exp.add_argument("--out", required=True)
    exp.add_argument(
        "--tier",
        choices=TIERS,
        help="tier file of a published_* table (default public)",
    )
    exp.add_argument("--funder", help="funder id, with --tier funder")
    exp.set_defaults(func=cmd_export)

    pub = sub.add_parser(
        "publish", help="warehouse → published tier files (internal, public, funders)"
    )
    pub.add_argument("--as-of", required=True, type=_iso_date, dest="as_of")
    pub.add_argument("--warehouse", default=default_warehouse)
    pub.set_defaults(func=cmd_publish)

    ui = sub.add_parser("ui", help="start the Dagster UI (lineage graph, runs, checks)")
    ui.add_argument("--landing")
    ui.add_argument("--as-of", type=_iso_date, dest="as_of")
    ui.add_argument("--warehouse", default=default_warehouse)
    ui.add_argument("--port", type=int, default=3000)
    ui.set_defaults(func=cmd_ui)

    serve = sub.add_parser("serve", help="start the dashboards on the published files")
    serve.add_argument("--warehouse", default=default_warehouse)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8501)
    serve.set_defaults(func=cmd_serve)

    users = sub.add_parser("dashboard-user", help="manage dashboard sign-in users")
    users_sub = users.add_subparsers(dest="action", required=True)
    add = users_sub.add_parser(
        "add",
        help="add or replace a user (password from a prompt or EQUIPATH_DASHBOARD_PASSWORD)",
    )
    add.add_argument("--name", required=True)
    add.add_argument("--role", required=True, choices=["admin", "data_team", "funder"])
    add.add_argument("--funder", help="funder id (role funder), e.g. F1")
    add.add_argument("--email", help="maps a single sign-on (OIDC) identity to this user")
    add.add_argument(
        "--users",
        help="users file (default $EQUIPATH_DASHBOARD_USERS or .secrets/dashboard_users.toml)",
    )
    add.set_defaults(func=cmd_dashboard_user)
    rep = sub.add_parser("report", help="funder reports (HTML, PDF, data.csv) into the outbox")
    who = rep.add_mutually_exclusive_group(required=True)
    who.add_argument("--funder", help="funder id, e.g. F1")
    who.add_argument(
        "--all", action="store_true", help="every published funder, each its current period"
    )
    rep.add_argument(
        "--period",
        help="2025Q3 (quarter) or 2025 (year); default: the latest one of the funder's "
        "frequency ended by the publication's as_of",
    )
    rep.add_argument("--format", choices=["html", "pdf"], help="only one format (default both)")
    rep.add_argument("--published", help="published folder (default: beside --warehouse)")
    rep.add_argument("--warehouse", default=default_warehouse)
    rep.add_argument("--outbox", help="outbox folder (default EQUIPATH_OUTBOX or ../reports)")
    rep.add_argument("--landing", help="landing folder, for catalog/funders.csv")
    rep.set_defaults(func=cmd_report)
    for command in sub.choices.values():
        command.add_argument(
            "-v",
            "--verbose",
            action="store_true",
            help="print the full log too (build, publish) and tracebacks of errors",
        )
        command.add_argument(
            "--debug", action="store_true", help="show the traceback of an unexpected error"
        )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; an error is one line that says what to do, never a traceback.

    A traceback is for the developers: `--debug` (or `-v`) shows it.
    """
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except Exception as exc:
        if getattr(args, "debug", False) or getattr(args, "verbose", False):
            raise
        first = (str(exc).strip().splitlines() or [""])[0]
        return _fail(
            f"{type(exc).__name__}: {first} (`equipath {args.command} --debug` shows where)"
        )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
