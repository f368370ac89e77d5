"""The report mailed through a real SMTP server on 127.0.0.1 (aiosmtpd): one mail per month with
its PDF and HTML attached, nothing more on a rerun that changes nothing, and a refusal that fails
the asset with the server's answer and leaves the report files as they were."""

from __future__ import annotations

import email
import socket
from email.message import Message

import dagster as dg
import pytest
from aiosmtpd.controller import Controller

from pipelines.demo.generator import generate
from pipelines.report.chromium import CHROMIUM
from tests.pipeline_runs import definitions_for, project_env, run_months

FIRST, LAST = "2026-09", "2026-10"
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} missing: run `make system-deps`")


class Inbox:
    """An aiosmtpd handler keeping what arrived; refuses every recipient while `refuse` is set."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.refuse: str | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 (aiosmtpd's name)
        if self.refuse:
            return self.refuse
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture(scope="module")
def mailed(tmp_path_factory):
    inbox = Inbox()
    with socket.socket() as probe:  # a free port (aiosmtpd's start-up check cannot use port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    root = tmp_path_factory.mktemp("mail")
    generate(root / "landing", months=2, end_month=LAST, scale="small", seed=5)
    env = {
        **project_env(root, FIRST, pdf=True),
        "SALES_REPORT_EMAIL_TO": "director@example.com, analyst@example.com",
        "SALES_REPORT_EMAIL_FROM": "pipeline@example.com",
        "SALES_SMTP_HOST": "127.0.0.1",
        "SALES_SMTP_PORT": str(port),
    }
    defs = definitions_for(env)
    instance = dg.DagsterInstance.ephemeral()
    assert run_months(defs, FIRST, LAST, instance).success
    first_run = list(inbox.messages)
    yield {"root": root, "env": env, "defs": defs, "instance": instance, "inbox": inbox, "first_run": first_run}
    controller.stop()


def attachments(message: Message) -> list[str]:
    return sorted(part.get_filename() for part in message.walk() if part.get_filename())


def test_one_mail_per_month_with_both_reports_attached(mailed):
    mails = mailed["first_run"]
    assert sorted(m["Subject"] for m in mails) == [f"Demo Co: monthly sales review {m}" for m in (FIRST, LAST)]
    for mail in mails:
        assert mail["To"] == "director@example.com, analyst@example.com"
        assert attachments(mail) == [f"report.{lang}.{kind}" for lang in ("en", "zh") for kind in ("html", "pdf")]
        body = next(part for part in mail.walk() if part.get_content_type() == "text/plain").get_payload(decode=True)
        month = mail["Subject"].split()[-1]
        assert body.decode("utf-8").startswith(f"**{month}** — Demo Co")
        pdf = next(p for p in mail.walk() if p.get_filename() == "report.en.pdf").get_payload(decode=True)
        assert pdf.startswith(b"%PDF-")


def test_a_rerun_that_changes_nothing_sends_nothing(mailed):
    before = len(mailed["inbox"].messages)
    assert run_months(mailed["defs"], FIRST, LAST, mailed["instance"]).success
    assert len(mailed["inbox"].messages) == before
    latest = mailed["instance"].get_latest_materialization_event(dg.AssetKey("report_email"))
    assert latest.asset_materialization.metadata["sent"].value is False


def test_a_refused_mail_fails_the_asset_with_the_servers_answer_and_keeps_the_files(mailed):
    root, inbox, instance = mailed["root"], mailed["inbox"], mailed["instance"]
    # a report that says something new (another company name) is to be mailed; the server refuses it
    defs = definitions_for({**mailed["env"], "SALES_COMPANY_NAME": "Renamed Co"})
    assert run_months(defs, LAST, LAST, instance, selection="monthly_sales_report").success
    files = {p.name: p.read_bytes() for p in (root / "reports" / LAST).iterdir()}
    inbox.refuse = "550 5.1.1 mailbox unavailable"
    try:
        result = run_months(defs, LAST, LAST, instance, selection="report_email", raise_on_error=False)
    finally:
        inbox.refuse = None
    assert not result.success
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    assert "550 5.1.1 mailbox unavailable" in str(failure.event_specific_data.error)
    assert {p.name: p.read_bytes() for p in (root / "reports" / LAST).iterdir()} == files
