"""What the messenger benchmarks share: the questions asked, the bot's CPU time, users writing and waiting."""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "eval" / "dev.jsonl"
FALLBACK = ["chuyên viên cần học gì", "cán sự cấp huyện cần LLCT gì", "tổng số người được đào tạo 2011 - 2015",
            "Ai ký ban hành Kế hoạch 39/KH-UBND?", "trách nhiệm của Sở Nội vụ", "/vanban", "/dieu II.1.b"]


def cpu_seconds(pid: int) -> float | None:
    """User+system CPU time of a process (Linux /proc), or None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def questions() -> list[str]:
    """The public question set when it is beside the project, else a few questions of our own."""
    if DEV.exists():
        return [json.loads(line)["q"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return FALLBACK


async def user_loop(api, user, texts: list[str], latencies: list[float]) -> None:
    """One user: write, wait for the bot's reply, write the next."""
    for text in texts:
        before = len(api.outbox(user))
        started = time.perf_counter()
        api.send(user, text)
        await api.replies(user, before + 1, timeout=30)
        latencies.append(time.perf_counter() - started)


async def run_round(api, users: int, total: int, pool: list[str], user_id: Callable[[int], object]
                    ) -> tuple[float, list[float]]:
    """`users` users writing `total` messages between them: replies per second, and each reply's latency."""
    per_user = max(1, total // users)
    latencies: list[float] = []
    started = time.perf_counter()
    await asyncio.gather(*[
        user_loop(api, user_id(u), [pool[(u * per_user + i) % len(pool)] for i in range(per_user)], latencies)
        for u in range(users)
    ])
    return len(latencies) / (time.perf_counter() - started), latencies


def report(name: str, rate: float, latencies: list[float], cpu: str) -> None:
    """One line: replies per second, latency p50 and p95, and what the CPU was spent on."""
    ms = sorted(x * 1000 for x in latencies)
    print(f"{name:<22} {rate:7.0f} replies/s   latency p50 {statistics.median(ms):5.1f} ms"
          f"  p95 {ms[int(len(ms) * 0.95) - 1]:5.1f} ms   ({len(ms)} replies){cpu}")
