"""Email to a distribution list over SMTP: one message per update, plain text with an HTML alternative.

``ITCOMMS_SMTP_URL`` says where and how: ``smtp://host:25`` (an intranet relay,
no encryption), ``smtp+starttls://user:password@host:587`` or
``smtps://user:password@host:465``. The Message-ID is made from the item's id,
so a mail system that sees the same update twice can tell.
"""

from __future__ import annotations

import hashlib
import html
import smtplib
import ssl
from collections.abc import Sequence
from datetime import UTC, datetime
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from itcomms.publish.delivery import DeliveryFailed, Retry, transient
from itcomms.publish.notices import Notice
from itcomms.publish.text_limits import pieces
from itcomms.rendering.email_headers import email_message, mailbox, message_id

_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


class SmtpSettingsError(ValueError):
    """``ITCOMMS_SMTP_URL`` is not an address this module can use."""


def message(notice: Notice, sender: str, recipients: Sequence[str], sent: datetime | None = None) -> EmailMessage:
    """The email of one update; ``sent`` (by default now) is its Date. Its headers are built by
    rendering/email_headers.py: a title read from the feed can add none, whatever it holds."""
    from_ = mailbox(notice.site_name, sender)
    digest = hashlib.sha256(notice.id.encode("utf-8")).hexdigest()[:32]
    mail = email_message(
        subject=f"[{notice.services_words}] {notice.title}",
        sender=from_,
        recipients=[mailbox("", recipient) for recipient in recipients],
        sent=sent or datetime.now(UTC),
        message_id=message_id(digest, from_),
    )
    lines = [notice.title, "", f"Service: {notice.services_words}", f"Status: {notice.state}"]
    if notice.impact:
        lines.append(f"Impact: {notice.impact}")
    lines += ["", notice.text, "", f"Read the update: {notice.link}"]
    mail.set_content("\n".join(lines) + "\n")
    facts = [("Service", notice.services_words), ("Status", notice.state)]
    if notice.impact:
        facts.append(("Impact", notice.impact))
    rows = "".join(f"<tr><th align='left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in facts)
    mail.add_alternative(
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(notice.title)}</title></head><body>"
        f"<h1 style='font-size:1.25em'>{html.escape(notice.title)}</h1>"
        f"<table>{rows}</table><p>{_linked(notice.text)}</p>"
        f"<p><a href='{html.escape(notice.link)}'>Read the update</a></p></body></html>",
        subtype="html",
    )
    return mail


def _linked(text: str) -> str:
    """The update's words as HTML text, each address written out in it a link to itself (its words are its
    address, so it hides nothing)."""
    return "".join(
        f'<a href="{html.escape(piece)}">{html.escape(piece)}</a>' if is_address else html.escape(piece)
        for piece, is_address in pieces(text)
    )


class Email:
    name = "Email"

    def __init__(self, smtp_url: str, recipients: Sequence[str], sender: str, retry: Retry) -> None:
        parts = urlsplit(smtp_url)
        if parts.scheme not in _PORTS or not parts.hostname:
            raise SmtpSettingsError(
                "ITCOMMS_SMTP_URL must look like smtp://host:25, smtp+starttls://user:password@host:587 "
                "or smtps://user:password@host:465"
            )
        for address in (sender, *recipients):  # refused now, once, rather than at each update's sending
            try:
                mailbox("", address)
            except ValueError as problem:
                raise SmtpSettingsError(f"the email address '{address}' cannot be sent from or to: {problem}") from None
        self._scheme, self._host = parts.scheme, parts.hostname
        self._port = parts.port or _PORTS[parts.scheme]
        self._user = unquote(parts.username) if parts.username else None
        self._password = unquote(parts.password) if parts.password else ""
        self._recipients, self._sender, self._retry = list(recipients), sender, retry

    def send(self, notice: Notice) -> None:
        mail = message(notice, self._sender, self._recipients)

        def attempt() -> None:
            try:
                with self._connect() as connection:
                    if self._user:
                        connection.login(self._user, self._password)
                    connection.send_message(mail)
            except smtplib.SMTPResponseException as problem:
                if 400 <= problem.smtp_code < 500:  # the server says "try again later"
                    raise transient(f"{problem.smtp_code} {problem.smtp_error!r}") from None
                raise DeliveryFailed(f"Email, {notice.id}: {problem.smtp_code} {problem.smtp_error!r}") from None
            except smtplib.SMTPRecipientsRefused as problem:
                raise DeliveryFailed(f"Email, {notice.id}: recipients refused {problem.recipients}") from None
            except OSError as problem:  # no connection, a timeout, a dropped line (SMTP errors are OSErrors too)
                raise transient(str(problem)) from None

        self._retry.run(f"Email, {notice.id}", attempt)

    def _connect(self) -> smtplib.SMTP:
        if self._scheme == "smtps":
            return smtplib.SMTP_SSL(self._host, self._port, timeout=30, context=ssl.create_default_context())
        connection = smtplib.SMTP(self._host, self._port, timeout=30)
        if self._scheme == "smtp+starttls":
            connection.starttls(context=ssl.create_default_context())
        return connection
