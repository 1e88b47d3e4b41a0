"""The rule for an email address content may name, shared by validation and the email builder.

An address is sent from, shown as a mailto: link and placed in feeds, so it must be one every mail system
carries: the part before the @ in plain ASCII (an address with another local part needs SMTPUTF8, which
many relays refuse, and the standard ``email`` package cannot write it into a header), the domain any
name IDNA can spell (``bücher.example`` is sent as ``xn--bcher-kva.example``).
"""

from __future__ import annotations

import re

_LOCAL_PART = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
"""RFC 5322's dot-atom: the local part written without quotes."""
_NOT_ATEXT = re.compile(r"[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]")
_DOMAIN_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")


def address_problem(address: str) -> str | None:
    """Why an email address is refused, or ``None`` when mail can be sent to and from it."""
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        return f"must be an email address like it-news@example.com (got '{address}')"
    if "@" in local:
        return f"must be one email address, with one @ (got '{' '.join(address.split())[:80]}')"
    if not local.isascii():
        return (
            f"the part before the @ ('{local}') must be plain ASCII letters, digits and . _ - +; "
            "many mail systems cannot carry other characters there"
        )
    if bad := _NOT_ATEXT.search(local):
        char = bad.group()
        shown = "a space" if char == " " else f"'{char}'" if char.isprintable() else "an invisible character"
        return f"the part before the @ holds {shown} (U+{ord(char):04X}), which mail systems refuse there"
    if not _LOCAL_PART.match(local):
        return f"the part before the @ ('{local}') must not start or end with a dot or hold two in a row"
    if ascii_domain(domain) is None:
        return f"the part after the @ ('{domain}') is not a domain name a mail system can reach"
    return None


def ascii_domain(domain: str) -> str | None:
    """A domain as mail systems spell it (IDNA for a non-ASCII name), or ``None`` when it cannot be one."""
    try:
        spelled = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    labels = spelled.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.match(label) for label in labels):
        return None
    return spelled


def ascii_address(address: str) -> str:
    """An address content may name (``address_problem`` is ``None``), spelled as mail systems send it."""
    if problem := address_problem(address):
        raise ValueError(problem)
    local, _, domain = address.rpartition("@")
    return f"{local}@{ascii_domain(domain)}"
