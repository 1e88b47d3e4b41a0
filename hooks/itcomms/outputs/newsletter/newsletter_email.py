"""Each issue as an email a person sends from an ordinary mail client: HTML, plain text, and an .eml draft holding both.

- ``email.html``: a table layout 600 px wide, its CSS inlined with css-inline (mail clients drop ``<style>``), no
  script, no web font, no image, every link absolute.
- ``email.txt``: the same items as readable plain text.
- ``newsletter-<YYYY-MM>.eml``: multipart/alternative with both, built with the standard ``email`` package. Subject
  and From come from the site settings; there are no recipients; ``X-Unsent: 1`` makes Outlook open it as a draft to
  address and send. Date, Message-ID and the MIME boundary come from the content, so builds are reproducible.

The length guard: an email is read on one screen or not at all, so ``scripts/validate`` warns when the text before
the first "read more" link runs past the site's word budget (``length_advice``). It is advice for the author: the
build never raises it, so a long issue still publishes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import css_inline
import jinja2

from itcomms import addresses
from itcomms.figures.newsletter_contents import Entry, Issue, gather
from itcomms.outputs.site.phone_links import add_phone_links
from itcomms.problems import Problem, Severity
from itcomms.rendering import templating
from itcomms.rendering.email_headers import add_header, email_message, mailbox, message_id
from itcomms.rendering.outputs import Artefact
from itcomms.rendering.templating import TEMPLATE_DIRS, Templates
from itcomms.site import Site

READ_MORE = "Read more"
"""The words of every "read more" link; the length guard counts the words before the first one."""
PER_SECTION = 4
"""Most items an email shows of a section gathered from the month (the editor's picks all show); the rest are a
link away, so the email stays short however busy the month was."""
_CHOSEN_BY_THE_EDITOR = ("featured", "stories")

_WORD = re.compile(r"\S*[^\W_]\S*")


class EmailWriter:
    """Writes the email files of each issue; created once per build, so its templates are compiled once."""

    def __init__(self, site: Site, templates: Templates) -> None:
        self.site = site
        self.html_template = templates.environment.get_template("newsletter_email.html.j2")
        self.text_template = _text_environment(templates).get_template("newsletter_email.txt.j2")
        # The stylesheet is given to the inliner rather than placed in a <style> block: nothing of it is left behind.
        css = (Path(__file__).parent / "templates" / "newsletter_email.css").read_text(encoding="utf-8")
        self.inliner = css_inline.CSSInliner(
            extra_css=css, load_remote_stylesheets=False, keep_style_tags=False, apply_width_attributes=True
        )

    def render(self, issue: Issue) -> Iterator[Artefact]:
        """The three files of one issue."""
        context = self.context(issue)
        # Ending in a newline, as the .eml's HTML part does, so the two are the same text. Phone numbers
        # are tel: links, as on the site: the email is often read on a phone.
        path = addresses.newsletter_email_html(issue.month)
        html = (
            self.inliner.inline(add_phone_links(self.site, path, self.html_template.render(context))).rstrip("\n")
            + "\n"
        )
        text = self.text_template.render(context)
        yield Artefact(path, html.encode("utf-8"))
        yield Artefact(addresses.newsletter_email_text(issue.month), text.encode("utf-8"))
        yield Artefact(addresses.newsletter_eml(issue.month), self.message(issue, html, text))

    def context(self, issue: Issue) -> dict[str, object]:
        return {
            "issue": issue,
            "sections": _sections(issue),
            "read_more": READ_MORE,
            "archive": self.site.options.absolute(addresses.url(addresses.NEWSLETTERS)),
            "feed": self.site.options.absolute(addresses.NEWSLETTER_FEED_RSS),
        }

    def length_problem(self, issue: Issue) -> Problem | None:
        """A warning when the issue's opening runs past the word budget, pointing at the editor's note."""
        words = words_before_read_more(self.text_template.render(self.context(issue)))
        budget = self.site.settings.newsletter.word_budget
        if words <= budget:
            return None
        position = self.site.position(issue.newsletter, ("editorial",))
        return Problem(
            issue.newsletter.source_file,
            position.line,
            position.column,
            "editorial",
            f"the email has {words} words before its first '{READ_MORE}' link, more than the "
            f"{budget} that fit on one screen (newsletter.word_budget in site.yaml); "
            "shorten the editor's note or the first item's summary",
            Severity.WARNING,
        )

    def message(self, issue: Issue, html: str, text: str) -> bytes:
        """The .eml draft: multipart/alternative, plain text first (clients show the last part they can)."""
        settings = self.site.settings.newsletter
        digest = hashlib.sha256(f"{html}\0{text}".encode()).hexdigest()
        sender = mailbox(settings.from_name, settings.from_address)
        message = email_message(
            subject=subject(issue),
            sender=sender,
            sent=issue.published,
            message_id=message_id(f"newsletter-{issue.month}.{digest[:20]}", sender),
            more={"X-Unsent": "1"},
        )
        message.set_content(text, cte="quoted-printable")
        message.add_alternative(html, subtype="html", cte="quoted-printable")
        add_header(message, "Content-Language", "en")
        # The email package picks a random boundary; one from the content keeps the file the same every build.
        message.set_boundary(f"==newsletter-{issue.month}-{digest[:24]}==")
        return message.as_bytes()


def length_advice(site: Site, templates: Templates) -> Iterator[Problem]:
    """The length guard over every issue the site holds (``scripts/validate`` asks with drafts shown)."""
    writer = EmailWriter(site, templates)
    for issue in gather(site, templates.markdown):
        problem = writer.length_problem(issue)
        if problem is not None:
            yield problem


def _sections(issue: Issue) -> list[tuple[str, tuple[Entry, ...], int]]:
    """Each section with entries: its name, the entries the email shows, and how many more the page has."""
    shown = []
    for section, entries in issue.sections:
        if entries:
            limit = len(entries) if section in _CHOSEN_BY_THE_EDITOR else PER_SECTION
            shown.append((section, entries[:limit], len(entries[limit:])))
    return shown


def subject(issue: Issue) -> str:
    """The email's subject line: the newsletter, its month and the issue's headline."""
    named = f"{issue.name}, {issue.dated_title}" if issue.newsletter.title else issue.title
    return f"[Draft] {named}" if issue.newsletter.draft else named


def words_before_read_more(text: str) -> int:
    """How many words a reader meets before the first "read more" link (web addresses are not words)."""
    opening = text.split(READ_MORE, 1)[0]
    return sum(1 for word in _WORD.findall(opening) if not word.startswith(("http://", "https://")))


def _text_environment(templates: Templates) -> jinja2.Environment:
    """Templates for plain text: nothing escaped, Markdown fields flattened to text."""
    environment = templating.environment(TEMPLATE_DIRS, "none", templates.site.options.cache_dir)
    environment.filters.update(plain=templates.markdown.plain, day=templates.day, moment=templates.moment)
    environment.globals.update(templates.globals())
    return environment
