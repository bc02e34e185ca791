"""A plain (non-editable) install finds the knowledge base and templates from any directory."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_installed_package_runs_from_another_directory(tmp_path):
    target = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "TELEGRAM_BOT_TOKEN": ""}
    out = subprocess.run([sys.executable, "-m", "bot", "ask", "--json", "cvc cần llct gì"], cwd=elsewhere,
                         capture_output=True, text=True, env=env, timeout=60, encoding="utf-8")
    assert out.returncode == 0, out.stderr
    assert '"II.1.b"' in out.stdout
    assert str(target) in subprocess.run(
        [sys.executable, "-c", "import knowledge, bot.render as r; print(knowledge.__file__, r.TEMPLATE_DIR)"],
        cwd=elsewhere, capture_output=True, text=True, env=env).stdout
