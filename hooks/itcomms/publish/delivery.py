"""Sending with retries: an HTTP POST of JSON (the chat webhooks), standard library only.

A failure that may pass (no connection, a timeout, 429 or a 5xx answer) is
tried again after a wait that doubles each time, or after the wait the server
asks for (``Retry-After``) when that is longer; one that will not (another
4xx: a wrong or revoked webhook address, a message the channel refuses) fails
at once. Either way the failure says what the channel answered.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

USER_AGENT = "itcomms-notify"
TIMEOUT_SECONDS = 20
LONGEST_WAIT = 300
"""Seconds a channel may ask us to wait (``Retry-After``); a longer wait fails the run loudly instead of stalling it."""
ANSWER_SHOWN = 300
"""Characters of a channel's own error answer kept in the failure message."""
_T = TypeVar("_T")


class DeliveryFailed(Exception):
    """A post that did not get through, even after the retries."""


class _Transient(Exception):
    """Worth another try; ``wait`` is how long the server asked us to wait, when it said."""

    def __init__(self, problem: str, wait: float | None = None) -> None:
        super().__init__(problem)
        self.wait = wait


@dataclass(frozen=True)
class Retry:
    attempts: int = 4
    first_wait: float = 2.0
    """Seconds before the second attempt; doubled before each later one (2, 4, 8)."""
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    def run(self, what: str, attempt: Callable[[], _T]) -> _T:
        wait = self.first_wait
        for number in range(1, self.attempts + 1):
            try:
                return attempt()
            except _Transient as problem:
                if number == self.attempts:
                    raise DeliveryFailed(f"{what}: {problem} (tried {self.attempts} times)") from None
                asked = problem.wait
            if asked is not None and asked > LONGEST_WAIT:
                raise DeliveryFailed(f"{what}: the channel asks to wait {asked:.0f} s before trying again")
            self.sleep(max(wait, asked or 0))
            wait *= 2
        raise AssertionError("unreachable")


def transient(problem: str) -> Exception:
    """An error a channel raises inside ``Retry.run`` to have the attempt made again."""
    return _Transient(problem)


def post_json(url: str, body: Any, retry: Retry, what: str) -> None:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")

    def attempt() -> None:
        request = urllib.request.Request(
            url,
            data=data,
            method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT},
        )
        _open(request).close()

    retry.run(what, attempt)


def _open(request: urllib.request.Request) -> Any:
    try:
        return urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS)
    except urllib.error.HTTPError as error:
        problem = f"HTTP {error.code} {error.reason}{_answer(error)}"
        retry_after = _retry_after(error.headers.get("Retry-After"))
        error.close()
        if error.code == 429 or error.code >= 500:
            raise _Transient(problem, retry_after) from None
        raise DeliveryFailed(problem) from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        raise _Transient(str(getattr(error, "reason", error))) from None


def _answer(error: urllib.error.HTTPError) -> str:
    """What the channel said about the refusal (Slack: ``invalid_blocks``), as one short line of plain text."""
    try:
        body = error.read(ANSWER_SHOWN * 4).decode("utf-8", "replace")
    except OSError:
        return ""
    words = " ".join("".join(char if char.isprintable() else " " for char in body).split())[:ANSWER_SHOWN]
    return f": {words}" if words else ""


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` in seconds: a number of seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max((moment - datetime.now(UTC)).total_seconds(), 0.0)
