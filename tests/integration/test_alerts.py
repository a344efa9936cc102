"""A failing health check sends the configured Spidermon alert: here an e-mail, through a
real SMTP server on 127.0.0.1 (aiosmtpd), with nothing but settings."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from email import message_from_bytes, message_from_string
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from support.crawl import ROOT, crawl

from careerscrape.testing.localsite import fixture_pages, serve

CHEF = "/chef-jobs/what-does-a-chef-do/"


class Mailbox:
    """The messages an SMTP server received, with a short wait for them."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], Message]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        message = message_from_bytes(envelope.content)  # type: ignore[attr-defined]
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, message))  # type: ignore[attr-defined]
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp() -> Iterator[tuple[int, Mailbox]]:
    mailbox = Mailbox()
    port = _free_port()
    server = Controller(mailbox, hostname="127.0.0.1", port=port, auth_require_tls=False,
                        authenticator=lambda *args: AuthResult(success=True))  # fmt: skip
    server.start()
    try:
        yield port, mailbox
    finally:
        server.stop()


def alert_settings(port: int) -> dict[str, str]:
    """The README's alert recipe, pointed at the local SMTP server."""
    return {
        "HEALTH_ALERTS": "spidermon.contrib.actions.email.smtp.SendSmtpEmail",
        "SPIDERMON_SMTP_HOST": "127.0.0.1",
        "SPIDERMON_SMTP_PORT": str(port),
        "SPIDERMON_SMTP_USER": "crawler",
        "SPIDERMON_SMTP_PASSWORD": "secret",
        "SPIDERMON_EMAIL_SENDER": "crawler@example.com",
        "SPIDERMON_EMAIL_TO": "data-team@example.com",
    }


def _text(message: Message) -> str:
    """The alert's text. Spidermon's SMTP action hands Scrapy's MailSender a whole MIME
    message as the body, so the text part is one level down."""
    body = message.get_payload(decode=True).decode()
    inner = message_from_string(body)
    parts = [part for part in inner.walk() if part.get_content_type() == "text/plain"]
    return "".join(part.get_payload(decode=True).decode() for part in parts).replace("\r\n", "\n")


def test_an_unhealthy_run_sends_the_configured_alert(
    smtp: tuple[int, Mailbox], tmp_path: Path
) -> None:
    port, mailbox = smtp
    with serve({}) as empty:  # a site with no page: 0 records, exit 3
        result = crawl(tmp_path / "out", "-a", f"urls={CHEF}", "-a", f"site={empty.base_url}",
                       **alert_settings(port))  # fmt: skip
    assert result.returncode == 3, result.log[-3000:]
    assert len(mailbox.messages) == 1, result.log[-3000:]
    sender, recipients, message = mailbox.messages[0]
    assert (sender, recipients) == ("crawler@example.com", ["data-team@example.com"])
    assert message["Subject"] == "careerscrape: run not healthy, not published"
    assert _text(message) == (
        f"The careerscrape run {result.folder} is not healthy (exit 3) and was not published:\n"
        "- 0 records written\n"
    )
    assert "[Spidermon] careerscrape health/enough records written... FAIL" in result.log


def test_a_healthy_run_sends_nothing(smtp: tuple[int, Mailbox], tmp_path: Path) -> None:
    port, mailbox = smtp
    with serve(fixture_pages(ROOT / "fixtures" / "pages")) as server:
        result = crawl(tmp_path / "out", "-a", f"urls={CHEF}", "-a", f"site={server.base_url}",
                       **alert_settings(port))  # fmt: skip
    assert result.returncode == 0, result.log[-3000:]
    asyncio.run(asyncio.sleep(0.2))
    assert mailbox.messages == []
    assert "[Spidermon] careerscrape health/enough records written... OK" in result.log
