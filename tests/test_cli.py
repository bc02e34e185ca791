"""The command line: ask (text and --json, one line per question from stdin), eval, validate."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTRACT_KEYS = {"kind", "intent", "confidence", "grade", "tier", "clauses", "options", "text"}


def run(*args, stdin=None, cwd=ROOT):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": ""}
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=60, encoding="utf-8")


def test_ask_json_prints_the_contract():
    out = run("ask", "--json", "CVC cần LLCT gì?")
    assert out.returncode == 0, out.stderr
    reply = json.loads(out.stdout)
    assert set(reply) == CONTRACT_KEYS
    assert reply["kind"] == "answer" and reply["grade"] == "chuyen_vien_chinh" and "II.1.b" in reply["clauses"]


def test_ask_stdin_one_json_line_per_question_without_carrying_state():
    out = run("ask", "--json", "-", stdin="tôi là chuyên viên\ncòn LLCT?\n\nlương bao nhiêu\n")
    lines = [json.loads(x) for x in out.stdout.splitlines()]
    assert len(lines) == 4
    assert lines[0]["grade"] == "chuyen_vien"
    assert lines[1]["grade"] is None  # a fresh conversation: the grade was not remembered
    assert lines[3]["kind"] == "fallback"


def test_ask_plain_text():
    out = run("ask", "ai", "ký", "kế", "hoạch")
    assert "Nguyễn Trung Hiếu" in out.stdout


def test_eval_reports_overall_kind_and_clause(tmp_path):
    cases = tmp_path / "q.jsonl"
    cases.write_text(
        json.dumps({"id": "x1", "q": "cán sự cần bằng gì", "kind": ["answer"], "clauses": ["II.1.a"],
                    "facts": ["trung cấp"], "grade": "can_su", "tier": None}) + "\n"
        + json.dumps({"id": "x2", "q": "lương bao nhiêu", "kind": ["answer"], "clauses": [], "facts": [],
                      "grade": None, "tier": None}) + "\n",
        encoding="utf-8",
    )
    out = run("eval", str(cases))
    assert "overall: 1/2 = 50.0%" in out.stdout
    assert "II.1.a" in out.stdout and "- x2" in out.stdout


def test_eval_missing_file_is_a_clear_message():
    out = run("eval", "/nonexistent.jsonl")
    assert out.returncode == 2 and "Không tìm thấy" in out.stderr


def test_validate_passes_on_the_bundled_plan():
    out = run("validate")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("OK: 39/KH-UBND")


def test_validate_names_the_file_and_item(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = (ROOT / "knowledge" / "data" / "kh39.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("clause: II.1.e", "clause: II.1.x", 1), encoding="utf-8")
    out = run("validate", str(bad))
    assert out.returncode == 1
    assert "bad.yaml" in out.stderr and "clause II.1.x does not exist" in out.stderr


def test_console_chat_without_token_from_another_directory(tmp_path):
    out = run(stdin="cvcc?\n/quen\n/thoat\n", cwd=tmp_path)
    assert out.returncode == 0
    assert "chuyên viên cao cấp" in out.stdout and "Tạm biệt" in out.stdout
