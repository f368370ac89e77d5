"""The report as an e-mail: the month's summary as the body, the PDF and HTML reports attached,
sent through the configured SMTP server (STARTTLS whenever the server offers it)."""

from __future__ import annotations

import mimetypes
import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from pathlib import Path

from pipelines.settings import EmailSettings

SMTP_TIMEOUT_S = 60
ATTACHED_SUFFIXES = (".pdf", ".html")


class DeliveryError(RuntimeError):
    pass


def compose(email: EmailSettings, subject: str, body: str, files: Sequence[Path]) -> EmailMessage:
    """A plain-text mail with every PDF and HTML report among `files` attached."""
    message = EmailMessage()
    message["From"] = email.sender
    message["To"] = ", ".join(email.to)
    message["Subject"] = subject
    message.set_content(body)
    for path in files:
        if path.suffix not in ATTACHED_SUFFIXES:
            continue
        kind, _ = mimetypes.guess_type(path.name)
        maintype, subtype = (kind or "application/octet-stream").split("/")
        message.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype, filename=path.name)
    return message


def send(email: EmailSettings, message: EmailMessage) -> None:
    """Send, or raise DeliveryError with the server's answer."""
    try:
        with smtplib.SMTP(email.host, email.port, timeout=SMTP_TIMEOUT_S) as server:
            server.ehlo()
            if server.has_extn("starttls"):
                server.starttls(context=ssl.create_default_context())
                server.ehlo()
            if email.user:
                server.login(email.user, email.password or "")
            refused = server.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        raise DeliveryError(f"{email.host}:{email.port} answered: {_answer(error)}") from None
    if refused:  # some recipients refused, the others got it
        answers = "; ".join(f"{rcpt}: {code} {_text(msg)}" for rcpt, (code, msg) in refused.items())
        raise DeliveryError(f"{email.host}:{email.port} answered: {answers}")


def _answer(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{rcpt}: {code} {_text(msg)}" for rcpt, (code, msg) in error.recipients.items())
    return str(error) or type(error).__name__


def _text(answer: bytes | str) -> str:
    return answer.decode("utf-8", "replace") if isinstance(answer, bytes) else answer
