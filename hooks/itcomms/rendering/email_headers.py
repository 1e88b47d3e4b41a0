"""Every email the site writes (the newsletter's .eml) or sends (status notifications) starts here, headers and all.

The standard ``email`` package does the encoding and folding (``email.headerregistry.Address`` for mailboxes,
RFC 2047 for words that are not ASCII, CRLF line ends from ``email.policy.SMTP``). What it does not do, this
module does first: it decodes an encoded word written inside a value (``=?utf-8?q?=0D=0ABcc:…?=``) into a line
break that then starts a header of its own, and it refuses a line break or a non-ASCII local part with an
exception that stops a build. So every value is made header text by the same rule validation holds text to
(content/text_safety.py): validated content passes unchanged, and anything else (a notification read from a
feed, a sender from the environment) can never add a header.
"""

from __future__ import annotations

import email.policy
import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from itcomms.content.mail_address import ascii_address
from itcomms.content.text_safety import REFUSED_OR_LINE_BREAK, neutral_encoded_words

POLICY = email.policy.SMTP
"""CRLF line ends, as mail is sent and as an .eml file is read; lines folded at 78 characters."""
_HEADER_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")
_MESSAGE_ID_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]*$")
_SPACES = re.compile(r"\s+")
_BUILT_HERE = frozenset({"subject", "from", "to", "date", "message-id", "mime-version", "content-type"})


def header_text(value: str) -> str:
    """A value as one line of header text: each character no text may hold and each line break a space, spaces
    run together, and an encoded word broken open (``=?`` becomes ``= ?``) so no mail program decodes it."""
    one_line = _SPACES.sub(" ", REFUSED_OR_LINE_BREAK.sub(" ", value)).strip()
    return neutral_encoded_words(one_line)


def mailbox(display_name: str, address: str) -> Address:
    """A sender or recipient: its name as header text (encoded by the package when not ASCII), its address as
    mail systems spell it (``ValueError`` when it is not one they carry, see content/mail_address.py)."""
    local, _, domain = ascii_address(address).rpartition("@")
    return Address(display_name=header_text(display_name), username=local, domain=domain)


def message_id(key: str, sender: Address) -> str:
    """A Message-ID from a key the caller derives from the content (reproducible, unlike ``make_msgid``)."""
    if not _MESSAGE_ID_KEY.match(key):
        raise ValueError(f"a Message-ID key is letters, digits, dots and hyphens (got {key!r})")
    return f"<{key}@{sender.domain}>"


def email_message(
    *,
    subject: str,
    sender: Address,
    sent: datetime,
    message_id: str,
    recipients: Sequence[Address] = (),
    more: Mapping[str, str] | None = None,
) -> EmailMessage:
    """A new message with its headers set: Subject, From, To (when there are recipients), Date, Message-ID and
    ``more`` (names chosen by the code, values made header text). The caller adds the body."""
    message = EmailMessage(policy=POLICY)
    message["Subject"] = header_text(subject)
    message["From"] = sender
    if recipients:
        message["To"] = tuple(recipients)
    message["Date"] = format_datetime(sent)  # RFC 5322 requires it; an aware time, so the zone is right
    message["Message-ID"] = message_id
    for name, value in (more or {}).items():
        add_header(message, name, value)
    return message


def add_header(message: EmailMessage, name: str, value: str) -> None:
    """One more header, its name chosen by the code, its value made header text; for a header that must come
    after the body is set (a Content- header of the whole message: making it multipart moves those into the
    first part)."""
    if not _HEADER_NAME.match(name) or name.lower() in _BUILT_HERE:
        raise ValueError(f"{name!r} is not a header this builder adds on request")
    message[name] = header_text(value)
