"""Microsoft Teams: a Workflows webhook ("When a Teams webhook request is received") posting an Adaptive Card.

The Workflows trigger takes a message whose attachment is the card; the flow
posts it to the chosen channel or chat. Card version 1.4 is what Teams renders.

Every word goes in a ``TextRun`` of a ``RichTextBlock``, which Teams shows as
written: a ``TextBlock`` reads Markdown, so a title holding ``[click](https://…)``
would become a live link. An address written out in the update is a link to
itself (its own words are its address, so it can hide nothing).
"""

from __future__ import annotations

from typing import Any

from itcomms.publish.delivery import Retry, post_json
from itcomms.publish.notices import Notice
from itcomms.publish.text_limits import pieces, within

TEXT_LIMIT = 3000
"""Characters of an update in one card: a card past Teams' 28 KB message limit is refused, and a long one is
better read on its page."""


def _run(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "TextRun", "text": text, **style}


def _paragraph(*inlines: dict[str, Any], **style: Any) -> dict[str, Any]:
    return {"type": "RichTextBlock", "inlines": list(inlines), **style}


def _linked(text: str) -> list[dict[str, Any]]:
    return [
        _run(piece, selectAction={"type": "Action.OpenUrl", "url": piece}) if is_address else _run(piece)
        for piece, is_address in pieces(text)
    ]


def card(notice: Notice) -> dict[str, Any]:
    """The Adaptive Card of one update: title, service and state, the update's words, a button to the page."""
    facts = [("Service", notice.services_words), ("Status", notice.state)]
    if notice.impact:
        facts.append(("Impact", notice.impact))
    text = within(notice.text, TEXT_LIMIT, notice.link)
    body = [
        _paragraph(_run(notice.title, weight="Bolder", size="Medium")),
        *(_paragraph(_run(f"{name}: ", weight="Bolder"), _run(value), spacing="None") for name, value in facts),
        *(_paragraph(*_linked(paragraph)) for paragraph in text.split("\n\n") if paragraph.strip()),
    ]
    content = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": body,
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
