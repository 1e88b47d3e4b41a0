"""Fake services on 127.0.0.1 for the notify tests: a webhook server that records posts, and an SMTP server."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller


@dataclass
class Webhooks:
    """Every JSON body posted, by path; ``fail`` makes a path answer with an error status a number of times."""

    url: str = ""
    posts: dict[str, list[Any]] = field(default_factory=dict)
    fail: dict[str, list[int]] = field(default_factory=dict)
    """path → statuses to answer with, one per request, before answering 200 again."""
    attempts: dict[str, int] = field(default_factory=dict)
    answer: dict[str, tuple[dict[str, str], bytes]] = field(default_factory=dict)
    """path → headers and body sent with each error status (``Retry-After``, the channel's reason)."""


@contextmanager
def webhook_server() -> Iterator[Webhooks]:
    hooks = Webhooks()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                hooks.attempts[self.path] = hooks.attempts.get(self.path, 0) + 1
                failing = hooks.fail.get(self.path) or []
                status = failing.pop(0) if failing else 202
                if status < 300:
                    hooks.posts.setdefault(self.path, []).append(json.loads(body))
            headers, body = hooks.answer.get(self.path, ({}, b"")) if status >= 300 else ({}, b"")
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    hooks.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield hooks
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Mailbox:
    url: str
    messages: list[EmailMessage] = field(default_factory=list)
    recipients: list[list[str]] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def smtp_server() -> Iterator[Mailbox]:
    port = _free_port()
    mailbox = Mailbox(f"smtp://127.0.0.1:{port}")

    class Handler:
        async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
            mailbox.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
            mailbox.recipients.append(list(envelope.rcpt_tos))
            return "250 Message accepted"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox
    finally:
        controller.stop()
