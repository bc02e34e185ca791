"""Run the Telegram channel alone: python -m handlers.telegram [--webhook]."""

from __future__ import annotations

import argparse

from app.channels import RunOptions, serve
from handlers.telegram.channel import from_env


def main() -> int:
    """Parse the one flag and run."""
    parser = argparse.ArgumentParser(prog="python -m handlers.telegram", description=__doc__)
    parser.add_argument("--webhook", action="store_true", help="receive updates by webhook instead of polling")
    channel = from_env(RunOptions(webhook=parser.parse_args().webhook))
    if channel is None:
        raise SystemExit("TELEGRAM_BOT_TOKEN is not set")
    return serve([channel])


if __name__ == "__main__":
    raise SystemExit(main())
