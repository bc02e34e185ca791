"""The logging filter: the bot token never reaches a log line, whatever carries it."""

import io
import logging

import pytest

from handlers.telegram.redact import REDACTED, RedactFilter, secrets_of, setup_logging

TOKEN = "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


@pytest.fixture
def logged():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(RedactFilter(secrets_of(TOKEN, "webhook-secret-42")))
    logger = logging.getLogger("test_telegram_redact")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def test_token_in_message_and_args_is_redacted(logged):
    logger, stream = logged
    logger.warning(f"POST https://api.telegram.org/bot{TOKEN}/getMe")
    logger.error("calling %s with %s", f"/bot{TOKEN}/sendMessage", "webhook-secret-42")
    out = stream.getvalue()
    assert TOKEN not in out and "webhook-secret-42" not in out
    assert out.count(REDACTED) == 3


def test_token_in_exception_traceback_is_redacted(logged):
    logger, stream = logged
    try:
        raise ConnectionError(f"cannot reach https://api.telegram.org/bot{TOKEN}/getUpdates")
    except ConnectionError:
        logger.exception("polling failed")
    out = stream.getvalue()
    assert "ConnectionError" in out and REDACTED in out
    assert TOKEN not in out and TOKEN.split(":")[1] not in out


def test_secret_half_of_token_is_redacted_alone(logged):
    logger, stream = logged
    logger.info("leaked %s", TOKEN.split(":")[1])
    assert stream.getvalue().strip() == f"INFO leaked {REDACTED}"


def test_short_token_half_is_not_treated_as_secret():
    assert secrets_of("123:ABC") == ["123:ABC"]


def test_setup_logging_silences_httpx_requests():
    setup_logging("INFO", [TOKEN])
    assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)
    assert all(any(isinstance(f, RedactFilter) for f in h.filters) for h in logging.getLogger().handlers)
