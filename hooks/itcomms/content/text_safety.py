"""Refuse text that would put raw HTML or a dangerous link on a page, in a feed or in an email.

Text fields are Markdown written by people, so this looks for what Markdown
would turn into markup: HTML tags and comments, and link targets (inline,
reference-style and autolinks). A link may point to a web page, an email
address, a phone number or a page of this site (by an item reference such as
``service:printing``, see site_links.py); any other scheme
(``javascript:``, ``data:``, ``vbscript:``, ``file:``…) is refused, including
when hidden behind HTML entities or whitespace.

It also holds the rule for which characters any text may carry
(``refused_character``), and for one-line text (``line_break``,
``encoded_word``): every text field is checked by it at validation, and
every email header built (rendering/email_headers.py) goes through it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
SITE_LINK_KINDS = frozenset({"service", "incident", "newsletter", "report", "unit"})
"""Item references a link may use (``service:printing``); rendering turns them into the item's page."""

_TAG = re.compile(r"<(?:!--|[A-Za-z][A-Za-z0-9-]*(?=[\s/>])|/[A-Za-z])")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)>\s]*)")
_REFERENCE_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")

# Characters refused in any text, by Unicode category. Cc, Cs and the noncharacters are closed sets (Unicode's
# stability policy never adds to them), so ranges state them exactly; tests check the ranges against
# unicodedata for every code point.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
"""Cc but tab and line feed: invisible, refused in XML feeds and able to break an email header (U+0085 is a line
break to some readers). A line feed is refused in one-line text by ``line_break``."""
_SURROGATES = "\ud800-\udfff"
"""Cs: half of a character cut in two; no UTF-8 file, feed or email can carry one."""
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}-{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
"""U+FDD0-U+FDEF and the last two code points of every plane: never text, and refused by XML (U+FFFE, U+FFFF)."""
_HIDING_FORMATS = "\u202a-\u202e\u2066-\u2069\u206a-\u206f\ufeff\ufff9-\ufffb"
"""The Cf characters that change or hide the text around them without showing: bidirectional embeddings,
overrides and isolates (they make a title read differently from what it holds, "Trojan Source"), the deprecated
format controls, a byte order mark inside text and interlinear annotations (they hide words). The rest of Cf
stays: zero-width joiners and non-joiners build emoji and Persian words, tag characters build flag emoji,
left-to-right and right-to-left marks place mixed-direction names correctly, the soft hyphen is a hint.
Private-use characters (Co) stay too: a company font's glyphs are harmless in pages, feeds and emails."""
_REFUSED = re.compile(f"[{_CONTROLS}{_SURROGATES}{_NONCHARACTERS}{_HIDING_FORMATS}]")
_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")
"""Line feed, carriage return, next line (Cc), line separator (Zl), paragraph separator (Zp)."""
_ENCODED_WORD = re.compile(r"=\?[^?\s]*\?[bBqQ]\?[^?\s]*\?=")
"""An RFC 2047 encoded word: mail programs decode it in a header, where ``=0D=0A`` becomes a line break."""


def unsafe_link_reason(target: str) -> str | None:
    """Why a link target is refused, or ``None`` when it is safe."""
    cleaned = _INVISIBLE.sub("", html.unescape(target))
    scheme = _SCHEME.match(cleaned)
    if scheme is None or scheme.group(1).lower() in SAFE_SCHEMES or scheme.group(1) in SITE_LINK_KINDS:
        return None
    return (
        f"links may only go to http(s), mailto or tel addresses or to pages of this site "
        f"(got a '{scheme.group(1).lower()}:' link)"
    )


def unsafe_markup_reason(text: str) -> str | None:
    """Why a piece of Markdown is refused, or ``None`` when it is safe to publish."""
    for match in _AUTOLINK.finditer(text):
        if reason := unsafe_link_reason(match.group(1)):
            return reason
    without_autolinks = _AUTOLINK.sub("", text)
    if tag := _TAG.search(without_autolinks):
        snippet = without_autolinks[tag.start() : tag.start() + 30].split(">")[0] + ">"
        return f"raw HTML is not allowed (found '{snippet}'); use Markdown instead"
    for pattern in (_INLINE_LINK, _REFERENCE_DEFINITION):
        for match in pattern.finditer(text):
            if reason := unsafe_link_reason(match.group(1)):
                return reason
    return None


def link_targets(text: str) -> Iterator[tuple[int, str]]:
    """Each inline link's or reference definition's target in a piece of Markdown, with its offset."""
    for pattern in (_INLINE_LINK, _REFERENCE_DEFINITION):
        for match in pattern.finditer(text):
            yield match.start(1), match.group(1)


def refused_character(text: str) -> str | None:
    """The first character no text may hold (see ``_REFUSED``), or ``None``."""
    found = _REFUSED.search(text)
    return found.group() if found else None


def refused_character_message(char: str) -> str:
    """Why a character ``refused_character`` found is refused, as a problem's message."""
    code = ord(char)
    shown = f"U+{code:04X}"
    if 0xD800 <= code <= 0xDFFF:
        return (
            f"holds half of a character cut in two (a lone surrogate, {shown}); remove it or write the whole character"
        )
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return f"holds a noncharacter ({shown}), which feeds and emails cannot carry; remove it"
    if unicodedata.category(char) == "Cf":
        return f"holds an invisible formatting character ({shown}) that changes how the text around it reads; remove it"
    return f"holds an invisible control character ({shown}); remove it"


def line_break(text: str) -> str | None:
    """The first character that breaks a line (line feed, carriage return, U+0085, U+2028, U+2029), or ``None``."""
    found = _LINE_BREAK.search(text)
    return found.group() if found else None


def encoded_word(text: str) -> str | None:
    """The first RFC 2047 encoded word (``=?utf-8?q?…?=``) in a text, or ``None``."""
    found = _ENCODED_WORD.search(text)
    return found.group() if found else None


REFUSED_OR_LINE_BREAK = re.compile(f"{_REFUSED.pattern}|{_LINE_BREAK.pattern}")
"""Every character one-line text may not hold, for the email builder, which replaces rather than refuses."""
_ENCODED_WORD_START = re.compile(r"=\?(?=[^?\s]*\?[bBqQ]\?[^?\s]*\?=)")


def neutral_encoded_words(text: str) -> str:
    """The text with each encoded word broken open (``=?`` becomes ``= ?``), so no mail program decodes it."""
    return _ENCODED_WORD_START.sub("= ?", text)
