"""Sending with retries: an HTTP POST of JSON (the chat webhooks) and a GET (the live feed), standard library only.

A failure that may pass (no connection, a timeout, 429 or a 5xx answer) is
tried again after a wait that doubles each time; one that will not (another
4xx: a wrong or revoked webhook address) fails at once.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

USER_AGENT = "itcomms-notify"
TIMEOUT_SECONDS = 20
_T = TypeVar("_T")


class DeliveryFailed(Exception):
    """A post that did not get through, even after the retries."""


class _Transient(Exception):
    """Worth another try."""


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
            self.sleep(wait)
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


def get(url: str, retry: Retry, what: str) -> bytes | None:
    """The body at ``url``, or None when the server says there is nothing there (404 or 410)."""

    def attempt() -> bytes | None:
        # Past any cache in front of the site: a stale copy would make old items look new.
        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Cache-Control": "no-cache", "Pragma": "no-cache"}
        )
        try:
            with _open(request) as response:
                body: bytes = response.read()
                return body
        except DeliveryFailed as failed:
            if str(failed).startswith(("HTTP 404", "HTTP 410")):
                return None
            raise

    return retry.run(what, attempt)


def _open(request: urllib.request.Request) -> Any:
    try:
        return urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS)
    except urllib.error.HTTPError as error:
        error.close()
        if error.code == 429 or error.code >= 500:
            raise _Transient(f"HTTP {error.code} {error.reason}") from None
        raise DeliveryFailed(f"HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        raise _Transient(str(getattr(error, "reason", error))) from None
