"""Replies per second one bot process sustains through the whole Zalo pipeline, against the loopback fake API.

    python3 scripts/bench_zalo.py [--replies 1000] [--users 20]

The bot runs as `python -m bot` with ZALO_RATE_LIMIT=0 (no pacing: loopback has no flood limits). Each reply is
a getUpdates that returns the message, a typing action, the core's answer and a sendMessage.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from bench_messenger import cpu_seconds, questions, report, run_round  # noqa: E402
from zalo_server.fixtures import start_harness  # noqa: E402


async def measured_round(harness, name: str, users: int, total: int, pool: list[str], first_user: int) -> None:
    """Run a round and print replies/s, latency, and the bot process's CPU per reply."""
    cpu_before, own_before = cpu_seconds(harness.bot.proc.pid), time.process_time()
    rate, latencies = await run_round(harness.api, users, total, pool, lambda u: f"u{first_user + u:08x}")
    cpu_after, own = cpu_seconds(harness.bot.proc.pid), time.process_time() - own_before
    n = len(latencies)
    cpu = f"   CPU ms/reply: bot {(cpu_after - cpu_before) * 1000 / n:.2f}" if cpu_before is not None else ""
    cpu += f", fake API and users {own * 1000 / n:.2f}"
    report(name, rate, latencies, cpu)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replies", type=int, default=1000, help="replies per round")
    parser.add_argument("--users", type=int, default=20, help="concurrent users in the second round")
    args = parser.parse_args()
    pool = questions()
    with tempfile.TemporaryDirectory() as data_dir:
        harness = await start_harness(Path(data_dir), BOT_LOG_LEVEL="WARNING")
        api = harness.api
        try:
            await run_round(api, 4, 40, pool, lambda u: f"u{1 + u:08x}")  # warm-up: imports, caches, connections
            await measured_round(harness, "sequential (1 user)", 1, args.replies, pool, 1000)
            await measured_round(harness, f"concurrent ({args.users} users)", args.users, args.replies, pool, 2000)
            print(f"Zalo API errors: {len(api.errors)}; {len(pool)} distinct questions; ZALO_RATE_LIMIT=0")
        finally:
            await harness.bot.stop()
            await api.stop()


if __name__ == "__main__":
    asyncio.run(main())
