"""Every email header goes through one builder: no value, however hostile, adds a header; every email has a Date."""

from __future__ import annotations

import email.policy
from datetime import UTC, datetime
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itcomms.publish import mail
from itcomms.publish.notices import Notice
from itcomms.rendering.email_headers import email_message, header_text, mailbox, message_id
from support import MINIMAL_CONTENT, build_site, make_project

HOSTILE = "=?utf-8?q?x=0D=0ABcc:_evil@example.com?="
SENT = datetime(2026, 3, 31, 9, 0, tzinfo=UTC)
BODY_HEADERS = {"MIME-Version", "Content-Type", "Content-Transfer-Encoding"}


def words(text: str) -> str:
    return "".join(text.split())


def reparsed(message: EmailMessage) -> EmailMessage:
    parsed = BytesParser(policy=email.policy.default).parsebytes(message.as_bytes())
    assert isinstance(parsed, EmailMessage)
    assert parsed.defects == []
    return parsed


@settings(max_examples=300, deadline=None)
@given(subject=st.text(max_size=120), name=st.text(max_size=60), extra=st.text(max_size=60))
def test_no_value_adds_a_header_and_every_message_reparses_with_a_date(subject: str, name: str, extra: str) -> None:
    sender = mailbox(name, "news@example.com")
    message = email_message(
        subject=subject, sender=sender, sent=SENT, message_id=message_id("k1", sender), more={"X-Note": extra}
    )
    message.set_content("Body.\n")
    parsed = reparsed(message)
    assert set(parsed.keys()) == {"Subject", "From", "Date", "Message-ID", "X-Note"} | BODY_HEADERS
    assert len(parsed.keys()) == len(set(parsed.keys()))
    assert parsed["Date"].datetime == SENT
    # The words survive; the email package's folding may move a space next to an encoded word.
    assert words(str(parsed["Subject"])) == words(header_text(subject))
    assert words(str(parsed["X-Note"])) == words(header_text(extra))
    assert parsed["From"].addresses[0].addr_spec == "news@example.com"
    assert words(parsed["From"].addresses[0].display_name) == words(header_text(name))


@pytest.mark.parametrize(
    "value",
    [HOSTILE, "March\r\nBcc: evil@example.com", "March\u2028Bcc: evil@example.com", "=?UTF-8?B?DQpCY2M6IGV2aWw=?="],
)
def test_a_forged_header_stays_text(value: str) -> None:
    sender = mailbox(value, "news@example.com")
    message = email_message(subject=value, sender=sender, sent=SENT, message_id=message_id("k", sender))
    message.set_content("Body.\n")
    assert "Bcc" not in reparsed(message)
    assert b"\nBcc" not in message.as_bytes()


def test_non_ascii_names_are_encoded_and_a_non_ascii_domain_is_spelled_by_idna() -> None:
    sender = mailbox("Jörg Müller, IT (Ops)", "news@bücher.example")
    message = email_message(subject="Café news: “quoted”", sender=sender, sent=SENT, message_id=message_id("k", sender))
    message.set_content("Body.\n")
    raw = message.as_bytes()
    assert raw.isascii()
    parsed = reparsed(message)
    assert parsed["From"].addresses[0].display_name == "Jörg Müller, IT (Ops)"
    assert parsed["From"].addresses[0].addr_spec == "news@xn--bcher-kva.example"
    assert str(parsed["Subject"]) == "Café news: “quoted”"
    assert parsed["Message-ID"] == "<k@xn--bcher-kva.example>"


@pytest.mark.parametrize("address", ["jörg@example.com", "news example@example.com", "news@-bad-.example", "news"])
def test_an_address_mail_cannot_carry_is_refused(address: str) -> None:
    with pytest.raises(ValueError):
        mailbox("IT", address)


def notice(title: str) -> Notice:
    return Notice(
        id="incident:email-down#1",
        title=title,
        state="Investigating",
        impact="Major",
        services=("Email", f"Chat {HOSTILE}"),
        text="Down.\r\nBcc: evil@example.com",
        link="https://intranet.example/it/status/",
        published=SENT,
        site_name=f"IT {HOSTILE}",
    )


def test_a_notification_has_a_date_and_only_its_own_headers_whatever_the_feed_held() -> None:
    sent = mail.message(notice(f"Down\r\nBcc: evil@example.com {HOSTILE}"), "it@example.com", ["all@example.com"])
    parsed = reparsed(sent)
    assert set(parsed.keys()) == {"Subject", "From", "To", "Date", "Message-ID", "MIME-Version", "Content-Type"}
    assert parsed["Date"].datetime.tzinfo is not None
    assert abs((parsed["Date"].datetime - datetime.now(UTC)).total_seconds()) < 60
    assert [address.addr_spec for address in parsed["To"].addresses] == ["all@example.com"]


def test_a_notification_sender_mail_cannot_carry_is_a_setting_to_fix() -> None:
    with pytest.raises(mail.SmtpSettingsError, match=r"jörg@example\.com"):
        mail.Email("smtp://localhost:25", ["all@example.com"], "jörg@example.com", retry=None)  # type: ignore[arg-type]


def test_the_newsletter_eml_has_exactly_its_headers(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    site_yaml = project / "content/site.yaml"
    site_yaml.write_text(
        site_yaml.read_text(encoding="utf-8")
        .replace("from_name: Example IT", "from_name: Jörg, IT (Ops)")
        .replace("from_address: news@example.com", "from_address: news@bücher.example"),
        encoding="utf-8",
    )
    build_site(project, tmp_path / "site")
    raw = (tmp_path / "site/newsletter/2026-03/newsletter-2026-03.eml").read_bytes()
    parsed = BytesParser(policy=email.policy.default).parsebytes(raw)
    assert set(parsed.keys()) == {
        "Subject", "From", "Date", "Message-ID", "X-Unsent", "MIME-Version", "Content-Type", "Content-Language"
    }  # fmt: skip
    assert parsed["From"].addresses[0].display_name == "Jörg, IT (Ops)"
    assert parsed["From"].addresses[0].addr_spec == "news@xn--bcher-kva.example"
    assert parsed["Date"].datetime.tzinfo is not None
