"""What a button stands for: an intent and slot ids of the plan, encoded as a short ASCII payload and back."""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from pydantic import BaseModel, ConfigDict

PREFIX = "@"
NO_INTENT = "-"
MAX_PAYLOAD = 64  # bytes: Telegram's limit on callback_data
# payload key -> Action field; the order here is the order of the encoded slots
KEYS = {"g": "grade", "t": "tier", "r": "role", "a": "area", "c": "clause", "i": "item", "w": "row", "d": "duty",
        "y": "year", "n": "need"}
NUMBERS = {"item", "year"}
FIELDS = {field: key for key, field in KEYS.items()}
_SHAPE = re.compile(r"^@([a-z_]+|-)((?: [a-z]=[A-Za-z0-9._%-]+)*)$")
_SAFE = "._-"  # id characters kept as they are; others (a clause id's 'đ') are percent-encoded

MSG_BAD = "Lựa chọn này không hợp lệ. Bạn hãy gõ câu hỏi nhé."
MSG_UNKNOWN = "Lựa chọn này không còn dùng được (có thể là nút cũ). Bạn hãy gõ câu hỏi nhé."
MSG_STALE = "Lựa chọn này thuộc một câu hỏi trước đó. Bạn hãy gõ lại câu hỏi nhé."


class ActionError(ValueError):
    """A payload that cannot be acted on; str(error) is the Vietnamese message for the user."""


class Action(BaseModel):
    """A choice as ids: the intent (intents.yaml) and slots (ids of the plan's data); never Vietnamese text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    intent: str | None = None
    grade: str | None = None
    tier: str | None = None
    role: str | None = None
    area: str | None = None
    clause: str | None = None
    item: int | None = None  # an item of the clause, numbered from 1 as the plan lists them
    row: str | None = None  # an annex row code
    duty: str | None = None  # a responsibility id
    year: int | None = None
    need: str | None = None  # a requirement id (the training a step of a career calls for)

    def slots(self) -> dict[str, str | int]:
        """The slots that are set, by field name, in payload order."""
        return {f: getattr(self, f) for f in FIELDS if getattr(self, f) is not None}

    def encode(self) -> str:
        """The payload, e.g. '@yeu_cau g=chuyen_vien t=xa'; raises ValueError if it would not fit 64 bytes."""
        parts = [PREFIX + (self.intent or NO_INTENT)]
        parts += [f"{FIELDS[f]}={quote(str(v), safe=_SAFE)}" for f, v in self.slots().items()]
        payload = " ".join(parts)
        if len(payload.encode("ascii")) > MAX_PAYLOAD:
            raise ValueError(f"action payload longer than {MAX_PAYLOAD} bytes: {payload}")
        return payload


def is_payload(text: str) -> bool:
    """Does the text have a payload's shape ('@intent k=v ...')? A mention followed by words does not."""
    return isinstance(text, str) and _SHAPE.match(text.strip()) is not None


def decode(payload: str) -> Action:
    """The action a payload stands for; ActionError (a Vietnamese message) if it is malformed."""
    match = _SHAPE.match((payload or "").strip()) if isinstance(payload, str) else None
    if match is None or len(payload.strip().encode("utf-8")) > MAX_PAYLOAD:
        raise ActionError(MSG_BAD)
    intent = None if match.group(1) == NO_INTENT else match.group(1)
    values: dict[str, str | int] = {}
    for pair in match.group(2).split():
        key, _, raw = pair.partition("=")
        field = KEYS.get(key)
        if field is None or field in values:
            raise ActionError(MSG_BAD)
        try:
            value = unquote(raw, errors="strict") if "%" in raw else raw
        except UnicodeDecodeError:
            raise ActionError(MSG_BAD) from None
        if field in NUMBERS:
            if not value.isdigit():
                raise ActionError(MSG_BAD)
            values[field] = int(value)
        else:
            values[field] = value
    if intent is None and not values:
        raise ActionError(MSG_BAD)
    return Action(intent=intent, **values)
