"""E-mail delivery: to a local SMTP server on loopback with the PDF attached, and against a
refused port with retries, back-off and a failed row in the delivery log."""

from __future__ import annotations

import csv
import email
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from dashboards.server import free_port
from equipath.reports.content import Funder
from equipath.reports.delivery import DeliveryError, SmtpSettings, deliver
from equipath.reports.period import Period

FUNDER = Funder("F1", "Central Valley Workforce Board", "reports@funder.example.org", "quarterly")
PERIOD = Period.parse("2026Q3")
PDF = b"%PDF-1.7\n% a tiny stand-in for a report\n%%EOF\n"


class Inbox:
    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.fixture
def pdf(tmp_path) -> Path:
    path = tmp_path / "report.pdf"
    path.write_bytes(PDF)
    return path


def log_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_settings_come_from_the_environment():
    assert SmtpSettings.from_env({}) is None
    settings = SmtpSettings.from_env(
        {
            "EQUIPATH_SMTP_HOST": "smtp.example.org",
            "EQUIPATH_SMTP_PORT": "2525",
            "EQUIPATH_SMTP_USER": "equipath",
            "EQUIPATH_SMTP_PASSWORD": "secret",
            "EQUIPATH_SMTP_FROM": "outcomes@college.example.edu",
            "EQUIPATH_SMTP_STARTTLS": "false",
        }
    )
    assert settings == SmtpSettings(
        host="smtp.example.org",
        port=2525,
        user="equipath",
        password="secret",
        sender="outcomes@college.example.edu",
        starttls=False,
    )


def test_delivery_to_a_loopback_server_attaches_the_pdf(smtp_server, pdf, tmp_path):
    inbox, port = smtp_server
    settings = SmtpSettings(host="127.0.0.1", port=port, starttls=False, sender="eq@localhost")
    log = tmp_path / "delivery_log.csv"
    delivery = deliver(FUNDER, PERIOD, pdf, settings, log)
    assert (delivery.status, delivery.attempts) == ("sent", 1)
    [envelope] = inbox.envelopes
    assert envelope.rcpt_tos == [FUNDER.report_email]
    message = email.message_from_bytes(envelope.content)
    assert message["Subject"] == "Outcomes report 2026Q3: Central Valley Workforce Board"
    [attachment] = [p for p in message.walk() if p.get_filename()]
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "equipath-F1-2026Q3.pdf"
    assert attachment.get_payload(decode=True) == PDF
    [row] = log_rows(log)
    assert (row["funder_id"], row["period"], row["status"], row["attempts"]) == (
        "F1",
        "2026Q3",
        "sent",
        "1",
    )
    assert row["attachment_bytes"] == str(len(PDF))


def test_refused_port_retries_with_backoff_and_logs_a_failure(pdf, tmp_path):
    settings = SmtpSettings(
        host="127.0.0.1", port=free_port(), starttls=False, attempts=4, backoff_seconds=0.5
    )
    waits: list[float] = []
    log = tmp_path / "delivery_log.csv"
    with pytest.raises(DeliveryError, match=r"not delivered .* after 4 attempt\(s\)"):
        deliver(FUNDER, PERIOD, pdf, settings, log, sleep=waits.append)
    assert waits == [0.5, 1.0, 2.0]  # exponential back-off between the 4 attempts
    [row] = log_rows(log)
    assert (row["status"], row["attempts"], row["recipient"]) == (
        "failed",
        "4",
        FUNDER.report_email,
    )
    assert "ConnectionRefusedError" in row["error"]


def test_a_funder_without_an_address_is_a_logged_failure(pdf, tmp_path):
    log = tmp_path / "delivery_log.csv"
    with pytest.raises(DeliveryError, match="no report_email"):
        deliver(Funder("F9", "Nobody"), PERIOD, pdf, SmtpSettings(host="127.0.0.1"), log)
    assert log_rows(log)[0]["status"] == "failed"
