"""TelegramSettings: environment and .env, derived URLs, admin ids, validation without echoing secrets."""

from pathlib import Path

import platformdirs
import pytest

from handlers.telegram.settings import TelegramSettings, load_settings

ENV = ["TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "TELEGRAM_API_FILE_URL", "BOT_ADMIN_IDS", "BOT_DATA_DIR",
       "BOT_WEBHOOK_SECRET", "BOT_RATE_LIMIT"]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_reads_environment(monkeypatch):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:ABC")
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/bot")
    monkeypatch.setenv("BOT_ADMIN_IDS", "42, 7")
    monkeypatch.setenv("BOT_RATE_LIMIT", "0")
    s = TelegramSettings()
    assert s.token == "123:ABC"
    assert s.file_url == "http://127.0.0.1:8081/file/bot"
    assert s.admin_ids == {42, 7}
    assert s.bot_rate_limit == 0
    assert "123:ABC" not in repr(s)


def test_reads_dotenv_file(tmp_path):
    Path(".env").write_text("TELEGRAM_BOT_TOKEN=9:XYZ\nBOT_DATA_DIR=%s\n" % tmp_path, encoding="utf-8")
    s = TelegramSettings()
    assert s.token == "9:XYZ"
    assert s.db_path.parent == tmp_path


def test_defaults_to_official_api_and_user_data_dir():
    s = TelegramSettings()
    assert s.token == ""
    assert s.file_url == "https://api.telegram.org/file/bot"
    assert s.bot_data_dir == platformdirs.user_data_path("kh39-assistant")


def test_bad_admin_ids_stop_with_a_readable_message(monkeypatch):
    monkeypatch.setenv("BOT_ADMIN_IDS", "42,bob")
    with pytest.raises(SystemExit, match="BOT_ADMIN_IDS"):
        load_settings()


def test_bad_webhook_secret_is_refused_without_echoing_it(monkeypatch):
    monkeypatch.setenv("BOT_WEBHOOK_SECRET", "has spaces!")
    with pytest.raises(SystemExit) as exc:
        load_settings()
    assert "has spaces!" not in str(exc.value)
