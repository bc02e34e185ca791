"""Console channel: reads lines from a terminal, prints the core's plain-text replies."""

from __future__ import annotations

import sys
from typing import TextIO

from bot import core, menus
from bot.commands import pick_option, run_command
from bot.reply import Reply, State

GREETING = (
    f"Trợ lý {menus.document_line()} — bản dòng lệnh.\n"
    "Gõ câu hỏi, ví dụ \"chuyên viên cần học gì\". Lệnh: /dieu II.1.b, /timkiem <từ khóa>, "
    "/chitieu, /vanban, /kiemtra, /quen, /thoat."
)
PROMPT = "> "
EXIT_WORDS = {"/thoat", "/exit", "/quit", "thoat", "thoát", "exit", "quit"}


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
        line = pick_option(line, options) or line
        reply = run_command(line, state)
        if reply is None:
            reply = core.answer(line, state)
        state, options = reply.state, reply.options
        print(_format(reply) + "\n", file=stdout)
        stdout.flush()
    print("Tạm biệt!", file=stdout)
    return 0
