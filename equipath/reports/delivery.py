"""E-mail delivery of a rendered report, with retries, back-off and a delivery log.

Delivery is on only when `EQUIPATH_SMTP_HOST` is set. Each report goes to its funder's
`report_email` (landing catalog) with the PDF attached. A send that fails is retried
with exponential back-off; the outcome of every delivery, sent or failed, is one row
of `<outbox>/delivery_log.csv` (a plain file in the outbox, never the warehouse, which
another process may hold). A failed delivery raises `DeliveryError` so that the CLI
exits non-zero and a Dagster run fails: it is never silent.
"""

from __future__ import annotations

import csv
import fcntl
import os
import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from equipath.reports.content import Funder
from equipath.reports.period import Period

ENV_PREFIX = "EQUIPATH_SMTP_"
LOG_NAME = "delivery_log.csv"
LOG_COLUMNS = [
    "logged_at",
    "funder_id",
    "period",
    "recipient",
    "attachment",
    "attachment_bytes",
    "status",
    "attempts",
    "error",
]


class DeliveryError(RuntimeError):
    """A report that could not be delivered after every retry."""


def _flag(value: str | None, default: bool) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send. Passwords only ever come from the environment."""

    host: str
    port: int = 587
    user: str = ""
    password: str = ""
    sender: str = "equipath@localhost"
    starttls: bool = True
    timeout: float = 30.0
    attempts: int = 4
    backoff_seconds: float = 2.0

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> SmtpSettings | None:
        """None when EQUIPATH_SMTP_HOST is unset: reports then stay in the outbox."""
        env = os.environ if environ is None else environ
        host = env.get(f"{ENV_PREFIX}HOST", "").strip()
        if not host:
            return None
        return cls(
            host=host,
            port=int(env.get(f"{ENV_PREFIX}PORT") or 587),
            user=env.get(f"{ENV_PREFIX}USER", ""),
            password=env.get(f"{ENV_PREFIX}PASSWORD", ""),
            sender=env.get(f"{ENV_PREFIX}FROM") or "equipath@localhost",
            starttls=_flag(env.get(f"{ENV_PREFIX}STARTTLS"), True),
            timeout=float(env.get(f"{ENV_PREFIX}TIMEOUT") or 30),
            attempts=max(1, int(env.get(f"{ENV_PREFIX}RETRIES") or 4)),
            backoff_seconds=float(env.get(f"{ENV_PREFIX}BACKOFF_SECONDS") or 2),
        )


@dataclass(frozen=True)
class Delivery:
    funder_id: str
    period: str
    recipient: str
    status: str
    attempts: int
    error: str = ""


def message(funder: Funder, period: Period, pdf: Path, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = funder.report_email
    email["Subject"] = f"Outcomes report {period.label}: {funder.funder_name}"
    email.set_content(
        f"Dear {funder.funder_name},\n\n"
        f"attached is the outcomes and equity report for {period.title} on the programs you "
        "fund. Withheld figures are shown as — with their reason; the methodology section "
        "explains the rules.\n\n— equipath\n"
    )
    email.add_attachment(
        pdf.read_bytes(),
        maintype="application",
        subtype="pdf",
        filename=f"equipath-{funder.funder_id}-{period.label}.pdf",
    )
    return email


def send_once(settings: SmtpSettings, email: EmailMessage) -> None:
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        smtp.ehlo()
        if settings.starttls:
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if settings.user:
            smtp.login(settings.user, settings.password)
        smtp.send_message(email)


def append_log(log: Path, delivery: Delivery, attachment: Path) -> None:
    """One row a delivery; an exclusive lock keeps concurrent writers' rows whole."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a", newline="", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            writer = csv.writer(handle, lineterminator="\n")
            if handle.tell() == 0:
                writer.writerow(LOG_COLUMNS)
            writer.writerow(
                [
                    datetime.now(UTC).replace(microsecond=0).isoformat(),
                    delivery.funder_id,
                    delivery.period,
                    delivery.recipient,
                    attachment.name,
                    attachment.stat().st_size if attachment.exists() else "",
                    delivery.status,
                    delivery.attempts,
                    delivery.error,
                ]
            )
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def deliver(
    funder: Funder,
    period: Period,
    pdf: Path,
    settings: SmtpSettings,
    log: Path,
    sleep: Callable[[float], None] = time.sleep,
) -> Delivery:
    """Send the PDF, retrying with back-off (backoff, 2·backoff, 4·backoff, …).

    Logs the outcome either way; raises DeliveryError when every attempt failed."""
    if not funder.report_email:
        delivery = Delivery(
            funder.funder_id, period.label, "", "failed", 0, "no report_email in funders.csv"
        )
        append_log(log, delivery, pdf)
        raise DeliveryError(f"{funder.funder_id}: {delivery.error}")
    email = message(funder, period, pdf, settings.sender)
    errors: list[str] = []
    for attempt in range(1, settings.attempts + 1):
        try:
            send_once(settings, email)
        except smtplib.SMTPAuthenticationError as exc:
            errors.append(f"attempt {attempt}: authentication failed ({exc.smtp_code})")
            break  # a wrong password does not get better by retrying
        except (smtplib.SMTPException, OSError) as exc:
            errors.append(f"attempt {attempt}: {type(exc).__name__}: {exc}")
            if attempt < settings.attempts:
                sleep(settings.backoff_seconds * 2 ** (attempt - 1))
        else:
            delivery = Delivery(
                funder.funder_id, period.label, funder.report_email, "sent", attempt
            )
            append_log(log, delivery, pdf)
            return delivery
    delivery = Delivery(
        funder.funder_id,
        period.label,
        funder.report_email,
        "failed",
        len(errors),
        "; ".join(errors)[:1000],
    )
    append_log(log, delivery, pdf)
    raise DeliveryError(
        f"report {funder.funder_id} {period.label} not delivered to {funder.report_email} "
        f"after {len(errors)} attempt(s): {errors[-1]}"
    )
