"""Zalo settings: defaults, admin ids as strings, a bad webhook secret or URL refused without echoing it."""

import pytest

from handlers.zalo.settings import DEFAULT_API_BASE_URL, ZaloSettings, load_settings


def test_defaults_and_derived_values(tmp_path):
    s = ZaloSettings(_env_file=None, zalo_bot_token="1:abc", zalo_admin_ids=" a1b2, c3d4 ,", bot_data_dir=tmp_path)
    assert s.zalo_api_base_url == DEFAULT_API_BASE_URL
    assert s.admin_ids == frozenset({"a1b2", "c3d4"})
    assert s.db_path == tmp_path / "assistant.sqlite3"
    assert s.token == "1:abc" and "abc" not in repr(s)
    assert s.zalo_webhook_url is None and s.webhook_secret == ""


def test_bad_values_stop_with_a_readable_message_that_does_not_echo_them(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ZALO_BOT_TOKEN", "1:abc")
    monkeypatch.setenv("ZALO_WEBHOOK_SECRET", "short!")
    with pytest.raises(SystemExit) as exc:
        load_settings()
    assert "ZALO_WEBHOOK_SECRET" in str(exc.value) and "short!" not in str(exc.value)
    monkeypatch.setenv("ZALO_WEBHOOK_SECRET", "long-enough_secret")
    monkeypatch.setenv("ZALO_PUBLIC_BASE_URL", "bot.example.vn")
    with pytest.raises(SystemExit) as exc:
        load_settings()
    assert "ZALO_PUBLIC_BASE_URL" in str(exc.value)


def test_the_api_base_url_must_be_a_url_and_empty_means_the_default(tmp_path):
    assert ZaloSettings(_env_file=None, zalo_api_base_url="").zalo_api_base_url == DEFAULT_API_BASE_URL
    with pytest.raises(ValueError):
        ZaloSettings(_env_file=None, zalo_api_base_url="bot-api.zaloplatforms.com")
