"""Slack: an incoming webhook posting Block Kit blocks, with plain ``text`` for notifications and old clients.

Slack reads ``<``, ``>`` and ``&`` as markup in both (``<!here>`` pings a
channel, ``<https://evil|Reset your password>`` hides a link), so every word is
escaped; an address written out in the update becomes a link to itself.
"""

from __future__ import annotations

from typing import Any

from itcomms.publish.delivery import Retry, post_json
from itcomms.publish.notices import Notice
from itcomms.publish.text_limits import pieces, within

SECTION_LIMIT = 3000
"""Slack refuses a section whose text is longer (HTTP 400), which would stop the channel."""
HEADER_LIMIT = 150


def _escape(text: str) -> str:
    """Slack's mrkdwn reads <, > and & as markup: these three must be escaped, nothing else."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _mrkdwn(text: str) -> str:
    return "".join(f"<{_escape(piece)}>" if is_address else _escape(piece) for piece, is_address in pieces(text))


def message(notice: Notice) -> dict[str, Any]:
    facts = f"*Service:* {_escape(notice.services_words)}\n*Status:* {_escape(notice.state)}"
    if notice.impact:
        facts += f"\n*Impact:* {_escape(notice.impact)}"
    title = notice.title if len(notice.title) <= HEADER_LIMIT else notice.title[: HEADER_LIMIT - 1] + "…"
    return {
        # The fallback text is mrkdwn too (notifications, old clients): escaped like the blocks, so `<!here>` pings nobody.
        "text": within(f"{notice.title}: {notice.text}", SECTION_LIMIT, notice.link, _mrkdwn) + f" {notice.link}",
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": title, "emoji": False}},
            {"type": "section", "text": {"type": "mrkdwn", "text": facts}},
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": within(notice.text, SECTION_LIMIT, notice.link, _mrkdwn)},
            },
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
