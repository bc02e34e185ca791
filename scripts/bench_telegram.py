"""Replies per second one bot process sustains through the whole Telegram pipeline, against a loopback fake API.

    python3 scripts/bench_telegram.py [--replies 1000] [--users 20] [--core bot.core] [--http aiohttp|httpx]

The bot runs as `python -m bot` with BOT_RATE_LIMIT=0 (no pacing: loopback has no flood limits).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from bench_messenger import cpu_seconds, questions, report, run_round  # noqa: E402
from telegram_server.fixtures import start_harness  # noqa: E402


async def measured_round(harness, name: str, users: int, total: int, pool: list[str], first_user: int) -> None:
    """Run a round and print replies/s, latency, and the bot process's CPU per reply."""
    cpu_before = cpu_seconds(harness.bot.proc.pid)
    rate, latencies = await run_round(harness.api, users, total, pool, lambda u: first_user + u)
    cpu_after = cpu_seconds(harness.bot.proc.pid)
    n = len(latencies)
    cpu = f"   bot CPU {(cpu_after - cpu_before) * 1000 / n:.2f} ms/reply" if cpu_before is not None else ""
    report(name, rate, latencies, cpu)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replies", type=int, default=1000, help="replies per round")
    parser.add_argument("--users", type=int, default=20, help="concurrent users in the second round")
    parser.add_argument("--core", default="bot.core", help="core module the bot uses")
    parser.add_argument("--http", default="aiohttp", choices=["aiohttp", "httpx"], help="the bot's HTTP client")
    args = parser.parse_args()
    pool = questions()
    with tempfile.TemporaryDirectory() as data_dir:
        harness = await start_harness(Path(data_dir), BOT_CORE_MODULE=args.core, BOT_LOG_LEVEL="WARNING",
                                      BOT_HTTP_CLIENT=args.http)
        api = harness.api
        try:
            await run_round(api, 4, 40, pool, lambda u: 1 + u)  # warm-up: imports, caches, connections
            await measured_round(harness, "sequential (1 user)", 1, args.replies, pool, 1000)
            await measured_round(harness, f"concurrent ({args.users} users)", args.users, args.replies, pool, 2000)
            print(f"Telegram API errors: {len(api.errors)}; core {args.core}; HTTP {args.http}; "
                  f"{len(pool)} distinct questions; BOT_RATE_LIMIT=0")
        finally:
            await harness.bot.stop()
            await api.stop()


if __name__ == "__main__":
    asyncio.run(main())
