"""`python -m bot serve` starts the web page (no messenger token needed) and stops cleanly on SIGTERM."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_starts_the_web_page_and_stops_on_sigterm(tmp_path):
    port = _free_port()
    env = {**os.environ, "BOT_WEB_PORT": str(port), "BOT_DATA_DIR": str(tmp_path), "TELEGRAM_BOT_TOKEN": "",
           "ZALO_BOT_TOKEN": "", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as resp:
                    page = resp.read().decode()
                break
            except OSError:
                assert proc.poll() is None, proc.communicate()[1]
                assert time.monotonic() < deadline, "the web page did not come up"
                time.sleep(0.2)
        assert "Hỏi đáp" in page
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=20)
        assert proc.returncode == 0, err
        assert "web page on http://127.0.0.1" in err and "Traceback" not in err
        assert (tmp_path / "assistant.sqlite3").exists()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()


def test_a_bad_password_hash_setting_stops_serve_with_a_clear_message(tmp_path):
    env = {**os.environ, "BOT_WEB_PORT": str(_free_port()), "BOT_DATA_DIR": str(tmp_path), "TELEGRAM_BOT_TOKEN": "",
           "ZALO_BOT_TOKEN": "", "BOT_WEB_ADMIN_PASSWORD_HASH": "hunter2", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "bot", "serve"], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 1
    assert "BOT_WEB_ADMIN_PASSWORD_HASH" in out.stderr and "hunter2" not in out.stderr


def test_the_web_channel_runs_only_when_serve_asks_for_it(monkeypatch, tmp_path):
    from app.channels import RunOptions
    from handlers.web.channel import WebChannel, from_env

    monkeypatch.chdir(tmp_path)  # no .env
    assert from_env(RunOptions(web=False)) is None
    channel = from_env(RunOptions(web=True))
    assert isinstance(channel, WebChannel) and channel.settings.bot_web_port == 8080
    assert channel.settings.bot_web_host == "127.0.0.1" and channel.settings.bot_web_admin_password_hash is None


def test_passwd_command_prints_a_hash_that_verifies(monkeypatch, capsys):
    from handlers.web import passwd

    answers = iter(["một mật khẩu đủ dài", "một mật khẩu đủ dài"])
    monkeypatch.setattr(passwd.getpass, "getpass", lambda prompt="": next(answers))
    assert passwd.main() == 0
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert line.startswith("BOT_WEB_ADMIN_PASSWORD_HASH='scrypt$")
    assert passwd.verify("một mật khẩu đủ dài", line.split("=", 1)[1].strip("'"))
    answers = iter(["ngắn"])
    assert passwd.main() == 2 and "ít nhất" in capsys.readouterr().err
