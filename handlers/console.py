"""Console channel: reads lines from a terminal, prints the core's plain-text replies."""

from __future__ import annotations

import sys
from typing import TextIO

from bot import core
from bot.reply import Reply, State

GREETING = (
    "Trợ lý Kế hoạch 39/KH-UBND (Sóc Trăng, 2011 - 2015) — bản dòng lệnh.\n"
    "Gõ câu hỏi, ví dụ \"chuyên viên cần học gì\". Lệnh: /dieu II.1.b, /timkiem <từ khóa>, "
    "/chitieu, /vanban, /kiemtra, /quen, /thoat."
)
PROMPT = "> "
EXIT_WORDS = {"/thoat", "/exit", "/quit", "thoat", "thoát", "exit", "quit"}


def _command(line: str, state: State) -> Reply | None:
    """The core call a slash command stands for, or None for free text."""
    name, _, arg = line.partition(" ")
    arg = arg.strip()
    if name == "/dieu":
        return core.quote_clause(arg, state)
    if name == "/timkiem":
        return core.search_plan(arg, state)
    if name == "/chitieu":
        return core.annex_reply(state)
    if name == "/vanban":
        return core.document_reply(state)
    if name == "/kiemtra":
        return core.start_check(state)
    if name in ("/start", "/help", "/trogiup"):
        return core.answer("hướng dẫn", state)
    return None


def _format(reply: Reply) -> str:
    lines = [reply.text]
    for i, option in enumerate(reply.options, 1):
        lines.append(f"  [{i}] {option.label}")
    return "\n".join(lines)


def run_console(stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """Chat until end of input or an exit word; a number picks one of the last offered options."""
    interactive = stdin.isatty()
    state = State()
    options: list = []
    print(GREETING, file=stdout)
    while True:
        if interactive:
            stdout.write(PROMPT)
            stdout.flush()
        try:
            line = stdin.readline()
        except KeyboardInterrupt:
            break
        if not line:
            break
        line = line.strip()
        if not line:
            continue
        if line.lower() in EXIT_WORDS:
            break
        if line == "/quen":
            state, options = State(), []
            print("Đã xóa mọi thông tin về bạn trong phiên này.", file=stdout)
            continue
        if line.isdigit() and options and 1 <= int(line) <= len(options):
            line = options[int(line) - 1].query
        reply = _command(line, state) if line.startswith("/") else None
        if reply is None:
            reply = core.answer(line, state)
        state, options = reply.state, reply.options
        print(_format(reply) + "\n", file=stdout)
        stdout.flush()
    print("Tạm biệt!", file=stdout)
    return 0
