"""Slack: an incoming webhook posting Block Kit blocks, with plain ``text`` for notifications and old clients."""

from __future__ import annotations

from typing import Any

from itcomms.publish.delivery import Retry, post_json
from itcomms.publish.notices import Notice


def _escape(text: str) -> str:
    """Slack's mrkdwn reads <, > and & as markup: these three must be escaped, nothing else."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def message(notice: Notice) -> dict[str, Any]:
    facts = f"*Service:* {_escape(notice.services_words)}\n*Status:* {_escape(notice.state)}"
    if notice.impact:
        facts += f"\n*Impact:* {_escape(notice.impact)}"
    return {
        "text": f"{notice.title}: {notice.text} {notice.link}",
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": notice.title[:150], "emoji": False}},
            {"type": "section", "text": {"type": "mrkdwn", "text": facts}},
            {"type": "section", "text": {"type": "mrkdwn", "text": _escape(notice.text)}},
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
