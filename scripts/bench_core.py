"""Benchmark of the core: per-question latency (p50/p99) of answer() and the cold start of `python -m bot ask`.

Run: python scripts/bench_core.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OWN = [
    "chuyen vien can hoc gi", "CVC cần LLCT gì?", "cvcc?", "cán sự có bằng cao đẳng đạt chuẩn chưa",
    "tổng số người được đào tạo năm 2013", "ai ký kế hoạch", "tôi cần học gì", "lương chuyên viên bao nhiêu",
    "trách nhiệm của sở nội vụ", "nguyên văn II.1.b", "cấp huyện gồm những đơn vị nào", "giải pháp về kinh phí",
    "đại biểu HĐND được bồi dưỡng gì", "công chức xã cần trình độ gì", "a" * 2000, "",
]


def questions() -> list[str]:
    qs = list(OWN)
    paths = sorted((ROOT / "tests" / "data").glob("*.jsonl")) + [ROOT.parent / "shared" / "eval" / "dev.jsonl"]
    for path in paths:
        if path.is_file():
            qs += [json.loads(line)["q"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return qs


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def bench_latency(rounds: int) -> dict:
    from bot.core import default_assistant
    from bot.reply import State

    assistant = default_assistant()
    qs = questions()
    for q in qs:  # warm-up: caches and lazy structures
        assistant.answer(q, State())
    # distinct messages each round (a number appended) so the per-message caches do not flatter the figure
    samples = []
    for r in range(rounds):
        for q in qs:
            text = f"{q} {r}"
            t0 = time.perf_counter()
            assistant.answer(text, State())
            samples.append((time.perf_counter() - t0) * 1000)
    return {"questions": len(samples), "p50_ms": percentile(samples, 50), "p99_ms": percentile(samples, 99),
            "max_ms": max(samples), "mean_ms": statistics.mean(samples)}


def bench_cold_start(runs: int = 5) -> dict:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "", "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "ask", "--json", "chuyên viên cần học gì"], cwd=ROOT, env=env,
                       capture_output=True, check=True)
        times.append(time.perf_counter() - t0)
    return {"runs": runs, "median_s": statistics.median(times), "max_s": max(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    lat = bench_latency(args.rounds)
    cold = bench_cold_start()
    print(f"per-question latency over {lat['questions']} answers: p50 {lat['p50_ms']:.3f} ms, "
          f"p99 {lat['p99_ms']:.3f} ms, max {lat['max_ms']:.2f} ms (target p99 <= 1 ms)")
    print(f"cold start of `python -m bot ask`: median {cold['median_s']:.3f} s, max {cold['max_s']:.3f} s "
          f"over {cold['runs']} runs (target <= 1 s)")


if __name__ == "__main__":
    main()
