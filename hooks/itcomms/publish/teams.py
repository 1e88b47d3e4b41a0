"""Microsoft Teams: a Workflows webhook ("When a Teams webhook request is received") posting an Adaptive Card.

The Workflows trigger takes a message whose attachment is the card; the flow
posts it to the chosen channel or chat. Card version 1.4 is what Teams renders.
"""

from __future__ import annotations

from typing import Any

from itcomms.publish.delivery import Retry, post_json
from itcomms.publish.notices import Notice


def card(notice: Notice) -> dict[str, Any]:
    """The Adaptive Card of one update: title, service and state as facts, the update's words, a button to the page."""
    facts = [{"title": "Service", "value": notice.services_words}, {"title": "Status", "value": notice.state}]
    if notice.impact:
        facts.append({"title": "Impact", "value": notice.impact})
    content = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {"type": "TextBlock", "text": notice.title, "weight": "Bolder", "size": "Medium", "wrap": True},
            {"type": "FactSet", "facts": facts},
            {"type": "TextBlock", "text": notice.text, "wrap": True},
        ],
        "actions": [{"type": "Action.OpenUrl", "title": "Read the update", "url": notice.link}],
    }
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": content}
        ],
    }


class Teams:
    name = "Teams"

    def __init__(self, webhook_url: str, retry: Retry) -> None:
        self._url, self._retry = webhook_url, retry

    def send(self, notice: Notice) -> None:
        post_json(self._url, card(notice), self._retry, f"Teams, {notice.id}")
