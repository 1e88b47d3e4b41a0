"""Slack: an incoming webhook posting Block Kit blocks, with plain ``text`` for notifications and old clients."""

from __future__ import annotations

from typing import Any

from itcomms.publish.delivery import Retry, post_json
from itcomms.publish.notices import Notice


def _escape(text: str) -> str:
    """Slack's mrkdwn reads <, > and & as markup: these three must be escaped, nothing else."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


SECTION_LIMIT = 3000
"""Slack refuses a section whose text is longer (HTTP 400), which would stop the channel."""


def _within(text: str, link: str) -> str:
    """Escaped text cut to a section's limit, ending with where to read the rest."""
    escaped = _escape(text)
    if len(escaped) <= SECTION_LIMIT:
        return escaped
    more = f"… (read the rest: {link})"
    cut = escaped[: SECTION_LIMIT - len(more)]
    # Never end inside an entity (`&am`), which Slack would show as stray characters.
    entity = cut.rfind("&")
    if entity > len(cut) - 5 and ";" not in cut[entity:]:
        cut = cut[:entity]
    return cut + more


def message(notice: Notice) -> dict[str, Any]:
    facts = f"*Service:* {_escape(notice.services_words)}\n*Status:* {_escape(notice.state)}"
    if notice.impact:
        facts += f"\n*Impact:* {_escape(notice.impact)}"
    return {
        # The fallback text is mrkdwn too (notifications, old clients): escaped like the blocks, so `<!here>` pings nobody.
        "text": _within(f"{notice.title}: {notice.text}", notice.link) + f" {notice.link}",
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": notice.title[:150], "emoji": False}},
            {"type": "section", "text": {"type": "mrkdwn", "text": facts}},
            {"type": "section", "text": {"type": "mrkdwn", "text": _within(notice.text, notice.link)}},
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": "Read the update"},
                        "url": notice.link,
                    }
                ],
            },
        ],
    }


class Slack:
    name = "Slack"

    def __init__(self, webhook_url: str, retry: Retry) -> None:
        self._url, self._retry = webhook_url, retry

    def send(self, notice: Notice) -> None:
        post_json(self._url, message(notice), self._retry, f"Slack, {notice.id}")
