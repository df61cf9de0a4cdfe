"""Secrets never reach a log: every log record is redacted as it is made.

Libraries log what they like: python-telegram-bot, at DEBUG, logs the traceback of a rejected
token with the token in it. Filters on loggers or handlers miss records that propagate or go to
handlers added later, so the redaction sits in the log-record factory instead: the message, its
arguments and any traceback are checked once, when the record is created, whoever handles it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

MASK = "[redacted]"
_ORIGINAL_FACTORY = logging.getLogRecordFactory()


def redact_logs(secrets: Iterable[str]) -> None:
    """From now on, replace each of `secrets` (and a bot token's part after the colon) in every
    log record with [redacted]. Calling it again replaces the previous secrets."""
    words: set[str] = set()
    for secret in secrets:
        if secret:
            words.add(secret)
            tail = secret.partition(":")[2]
            if len(tail) >= 8:  # the secret half of "123456:ABC-DEF…"
                words.add(tail)
    if not words:
        logging.setLogRecordFactory(_ORIGINAL_FACTORY)
        return
    ordered = sorted(words, key=len, reverse=True)  # the whole token before its tail

    def scrub(text: str) -> str:
        for word in ordered:
            text = text.replace(word, MASK)
        return text

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = _ORIGINAL_FACTORY(*args, **kwargs)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format string: keep the raw parts, scrubbed
            message = f"{record.msg} {record.args}"
        if any(word in message for word in ordered):
            record.msg, record.args = scrub(message), None
        if record.exc_info:
            trace = logging.Formatter().formatException(record.exc_info)
            if any(word in trace for word in ordered):
                record.exc_text, record.exc_info = scrub(trace), None
        if record.stack_info and any(word in record.stack_info for word in ordered):
            record.stack_info = scrub(record.stack_info)
        return record

    logging.setLogRecordFactory(factory)
