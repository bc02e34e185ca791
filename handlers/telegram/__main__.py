"""Run the Telegram channel: python -m handlers.telegram [--webhook]."""

from __future__ import annotations

import argparse

from handlers.telegram.app import run
from handlers.telegram.settings import load_settings


def main() -> None:
    """Parse the one flag and run."""
    parser = argparse.ArgumentParser(prog="python -m handlers.telegram", description=__doc__)
    parser.add_argument("--webhook", action="store_true", help="receive updates by webhook instead of polling")
    args = parser.parse_args()
    run(load_settings(), webhook=args.webhook)


if __name__ == "__main__":
    main()
