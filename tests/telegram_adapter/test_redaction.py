"""The bot token never reaches a log record, whoever logs it and however."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.telegram.redaction import MASK, redact_logs

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


@pytest.fixture(autouse=True)
def _no_redaction_after() -> Iterator[None]:
    yield
    redact_logs([])


def test_message_arguments_and_traceback_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    redact_logs([TOKEN])
    log = logging.getLogger("telegram.ext.Updater")
    with caplog.at_level(logging.DEBUG):
        log.debug("token %s rejected", TOKEN)
        log.info("url https://api.telegram.org/bot" + TOKEN + "/getMe")
        log.warning("tail only: %s", TOKEN.split(":")[1])
        try:
            raise RuntimeError(f"The token `{TOKEN}` was rejected by the server.")
        except RuntimeError:
            log.debug("failed", exc_info=True)
    text = caplog.text
    assert TOKEN not in text
    assert TOKEN.split(":")[1] not in text
    assert text.count(MASK) == 4
    assert "rejected by the server" in text  # the rest of the message is kept


def test_records_without_secrets_are_untouched(caplog: pytest.LogCaptureFixture) -> None:
    redact_logs([TOKEN])
    with caplog.at_level(logging.INFO):
        logging.getLogger("kbot").info("answered %d updates", 3)
    [record] = caplog.records
    assert record.getMessage() == "answered 3 updates"
    assert record.args == (3,)


def test_no_secrets_means_the_standard_factory() -> None:
    standard = logging.getLogRecordFactory()
    redact_logs([TOKEN])
    assert logging.getLogRecordFactory() is not standard
    redact_logs([])
    assert logging.getLogRecordFactory() is standard
