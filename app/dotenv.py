"""Read KEY=VALUE lines of a .env file in the working directory, for settings not in the environment."""

from __future__ import annotations

import os
from pathlib import Path


def setting(name: str, path: Path = Path(".env")) -> str | None:
    """The environment's value of `name`, else the .env file's, else None (empty counts as unset)."""
    value = os.environ.get(name)
    if value is not None:
        return value.strip() or None
    if not path.is_file():
        return None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        key, sep, raw = line.partition("=")
        if sep and key.strip().removeprefix("export ").strip() == name:
            return raw.strip().strip("'\"") or None
    return None
