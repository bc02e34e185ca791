"""Plays a conversation through the core, turn by turn, as the eval does."""

from bot.core import answer
from bot.reply import State


def play(*turns: str):
    """The reply to the last turn, each turn answered in the state the one before left."""
    state, reply = State(), None
    for q in turns:
        reply = answer(q, state)
        state = reply.state
    return reply
