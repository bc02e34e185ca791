"""Logging for the channel: one format, quiet HTTP client, and a filter that redacts secrets everywhere."""

from __future__ import annotations

import logging

REDACTED = "[REDACTED]"


class RedactFilter(logging.Filter):
    """Replaces every secret (bot token, webhook secret) in a record's message, arguments and traceback."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = sorted({s for s in secrets if s}, key=len, reverse=True)

    def _clean(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = f"{record.msg} {record.args}"
        record.msg = self._clean(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        if record.stack_info:
            record.stack_info = self._clean(record.stack_info)
        return True


def secrets_of(token: str, *others: str) -> list[str]:
    """What to redact: the token, its secret half when long enough to be unambiguous, other secrets."""
    found = [token, *others]
    if ":" in token and len(token.split(":", 1)[1]) >= 16:
        found.append(token.split(":", 1)[1])
    return [s for s in found if s]


def setup_logging(level: str, secrets: list[str]) -> None:
    """Log to stderr with the redacting filter on every root handler; silence per-request HTTP logs."""
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=level.upper())
    redact = RedactFilter(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redact)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
