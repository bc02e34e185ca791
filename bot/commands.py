"""Typed slash commands (/dieu, /timkiem, /chitieu, /vanban, /kiemtra, /help) mapped to the core's entry points."""

from __future__ import annotations

from bot import core
from bot.reply import Reply, State

HELP_QUERY = "hướng dẫn"


def run_command(line: str, state: State) -> Reply | None:
    """The reply a slash command stands for, or None when the line is not one of these commands."""
    if not line.startswith("/"):
        return None
    name, _, arg = line.partition(" ")
    name, arg = name.split("@", 1)[0].lower(), arg.strip()
    if name == "/dieu":
        return core.quote_clause(arg, state) if arg else core.answer("kế hoạch gồm những phần nào", state)
    if name == "/timkiem":
        return core.search_plan(arg, state)
    if name == "/chitieu":
        return core.annex_reply(state)
    if name == "/vanban":
        return core.document_reply(state)
    if name == "/kiemtra":
        return core.start_check(state)
    if name in ("/start", "/help", "/trogiup"):
        return core.answer(HELP_QUERY, state)
    return None


def pick_option(line: str, options_offered: list) -> str | None:
    """A bare number "1".."n" picks an offered option: what it sends back (an action's payload), else None."""
    text = line.strip().rstrip(".)")
    if text.isdigit() and options_offered and 1 <= int(text) <= len(options_offered):
        return options_offered[int(text) - 1].query
    return None
