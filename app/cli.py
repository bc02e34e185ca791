"""Command line: the console chat or the configured channels, serve (web page too), ask, eval, validate, fit, check."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

USAGE = """python -m bot [--webhook]         every channel whose token is set (Telegram, Zalo); none: the console
python -m bot serve [--webhook]   the web page (BOT_WEB_HOST:BOT_WEB_PORT) and every channel whose token is set
python -m bot ask [--json] [--conversation] QUESTION|-   one question, or one per line from stdin
python -m bot eval FILE.jsonl           score a question set
python -m bot validate [PATH]           check the knowledge base and the bot's data files
python -m bot fit [--dry-run]           fit the policy's evidence weights on the labelled questions
python -m bot check FILE [--json] [-o REPORT.xlsx]   check a staff list (CSV/XLSX)"""


def _stdio_utf8() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass


def cmd_ask(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot ask")
    parser.add_argument("--json", action="store_true", help="print the reply object (contract) as JSON")
    parser.add_argument("--conversation", action="store_true",
                        help="with -: lines are turns of one conversation; an empty line starts a new one")
    parser.add_argument("question", nargs="+", help="the question, or - to read one per line from stdin")
    args = parser.parse_args(argv)
    from bot.core import answer
    from bot.reply import State

    state = State()

    def emit(question: str) -> None:
        nonlocal state
        reply = answer(question, state)
        if args.conversation:
            state = reply.state
        if args.json:
            sys.stdout.write(json.dumps(reply.contract(), ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(reply.text + "\n")
            for i, option in enumerate(reply.options, 1):
                sys.stdout.write(f"  [{i}] {option.label}\n")
        sys.stdout.flush()

    if args.question != ["-"]:
        emit(" ".join(args.question))
        return 0
    for line in sys.stdin:
        line = line.rstrip("\r\n")
        if args.conversation and not line.strip():
            state = State()  # an empty line: the next conversation starts fresh
            continue
        emit(line)
    return 0


def cmd_eval(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot eval")
    parser.add_argument("file", type=Path)
    parser.add_argument("--quiet", action="store_true", help="omit the list of failures")
    args = parser.parse_args(argv)
    from bot.core import answer
    from bot.evaluate import evaluate, report

    if not args.file.is_file():
        print(f"Không tìm thấy tệp: {args.file}", file=sys.stderr)
        return 2
    score = evaluate(args.file, answer)
    text = report(score)
    if args.quiet:
        text = text.split("\nfailures:")[0]
    print(text)
    return 0


def cmd_validate(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot validate")
    parser.add_argument("path", nargs="?", type=Path, help="a plan YAML file (default: the bundled one)")
    args = parser.parse_args(argv)
    from bot.validate import validate_all

    problems, summary = validate_all(args.path)
    for p in problems:
        print(f"LỖI: {p}", file=sys.stderr)
    if problems:
        return 1
    print(summary)
    return 0


def cmd_check(argv: list[str]) -> int:
    try:
        from roster.cli import main as roster_main
    except ImportError:
        print("Chức năng kiểm tra danh sách chưa được cài đặt.", file=sys.stderr)
        return 2
    return roster_main(argv)


def cmd_chat(argv: list[str], web: bool = False) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot" + (" serve" if web else ""), usage=USAGE)
    parser.add_argument("--webhook", action="store_true", help="Telegram webhook mode instead of long polling")
    parser.add_argument("--console", action="store_true", help="the console chat even when a token is set")
    args = parser.parse_args(argv)
    from app.channels import RunOptions, configured, serve

    channels = [] if args.console else configured(RunOptions(web=web, webhook=args.webhook))
    if channels:
        return serve(channels)
    if web:
        print("Trang web chưa được cài đặt trong bản này.", file=sys.stderr)
        return 2
    from handlers.console import run_console

    return run_console()


def cmd_serve(argv: list[str]) -> int:
    return cmd_chat(argv, web=True)


def cmd_fit(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot fit")
    parser.add_argument("--dry-run", action="store_true", help="report only; do not write bot/data/policy.yaml")
    args = parser.parse_args(argv)
    from bot.fit import run

    print(run(write=not args.dry_run))
    return 0


COMMANDS = {"ask": cmd_ask, "eval": cmd_eval, "validate": cmd_validate, "check": cmd_check, "serve": cmd_serve,
            "fit": cmd_fit}


def main(argv: list[str] | None = None) -> int:
    _stdio_utf8()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("-h", "--help", "help"):
        print(USAGE)
        return 0
    if argv and argv[0] in COMMANDS:
        return COMMANDS[argv[0]](argv[1:])
    return cmd_chat(argv)


def entry() -> None:
    """The console script and `python -m bot`: exit with main()'s code; a closed pipe is not an error."""
    try:
        sys.exit(main())
    except BrokenPipeError:  # the reader went away (e.g. `| head`)
        sys.stderr.close()
        sys.exit(0)
