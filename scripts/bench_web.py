"""Load on loopback: concurrent browser-less chat sessions against `python -m bot serve` (target ≥ 300 replies/s).

    python3 scripts/bench_web.py [--sessions 50] [--requests 10000] [--seconds 60]

Each session is its own cookie jar (its own conversation) on one keep-alive connection, posting the questions of
tests/data/*.jsonl to /api/ask one after another. The server runs as a separate process with BOT_WEB_RATE_LIMIT=0
and a temporary store (each reply loads and saves the conversation state and logs the question in SQLite).
Stops after --requests replies or --seconds, whichever comes first. Prints p50/p99 latency and replies per second.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
TARGET_PER_S = 300


def questions() -> list[str]:
    found = []
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                if isinstance(item.get("q"), str):
                    found.append(item["q"])
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data_dir: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "BOT_WEB_PORT": str(port), "BOT_DATA_DIR": data_dir, "BOT_WEB_RATE_LIMIT": "0",
           "TELEGRAM_BOT_TOKEN": "", "ZALO_BOT_TOKEN": "", "PYTHONPATH": str(ROOT), "BOT_LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=data_dir, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/static/site.css", timeout=2).close()
            return proc, url
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the web server did not start: " + (proc.stderr.read() if proc.poll() is not None else ""))
            time.sleep(0.2)


async def session(url: str, qs: list[str], offset: int, budget: dict, latencies: list[float], errors: list[int]):
    connector = aiohttp.TCPConnector(limit=1)
    async with aiohttp.ClientSession(connector=connector, cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        i = offset
        while budget["left"] > 0 and time.perf_counter() < budget["until"]:
            budget["left"] -= 1
            q = qs[i % len(qs)]
            i += 7
            t0 = time.perf_counter()
            async with http.post(url + "/api/ask", json={"q": q}) as resp:
                body = await resp.read()
            latencies.append(time.perf_counter() - t0)
            if resp.status != 200 or b'"kind"' not in body:
                errors.append(resp.status)


async def run(url: str, sessions: int, requests: int, seconds: float) -> dict:
    qs = questions()
    # warm-up: the first answers build caches
    async with aiohttp.ClientSession() as http:
        for q in qs[:20]:
            async with http.post(url + "/api/ask", json={"q": q}) as resp:
                await resp.read()
    latencies: list[float] = []
    errors: list[int] = []
    budget = {"left": requests, "until": time.perf_counter() + seconds}
    t0 = time.perf_counter()
    await asyncio.gather(*(session(url, qs, k * 13, budget, latencies, errors) for k in range(sessions)))
    elapsed = time.perf_counter() - t0
    latencies.sort()
    return {"replies": len(latencies), "errors": len(errors), "seconds": elapsed,
            "per_s": len(latencies) / elapsed,
            "p50_ms": 1000 * statistics.median(latencies),
            "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        proc, url = start_server(data_dir)
        try:
            result = asyncio.run(run(url, args.sessions, args.requests, args.seconds))
        finally:
            proc.terminate()
            proc.communicate(timeout=20)
    print(f"{result['replies']} replies from {args.sessions} concurrent sessions in {result['seconds']:.1f} s, "
          f"{result['errors']} errors")
    print(f"latency p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms; {result['per_s']:.0f} replies/s "
          f"(target ≥ {TARGET_PER_S}/s)")
    return 0 if result["errors"] == 0 and result["per_s"] >= TARGET_PER_S else 1


if __name__ == "__main__":
    sys.exit(main())
