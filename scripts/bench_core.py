"""Benchmark of the core: its cost per question beside a naive rapidfuzz extractOne over 300 canned questions,
the cold start of `python -m bot ask`, answer lengths, and a learned peer (TF-IDF + logistic regression) trained on
the same labelled sets, scored side by side with the product on the latest written set (PEER_TEST, unseen by the peer).

Run: python scripts/bench_core.py [--rounds N]      (the peer needs scikit-learn: pip install -e '.[bench]')
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
    """A new process answering one question, as a user starts it: Python's bytecode cache on (as on any machine
    where the package has run once; one uncounted run writes it), and once more with the cache off."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update({"TELEGRAM_BOT_TOKEN": "", "PYTHONPATH": str(ROOT)})

    def once(environment: dict) -> float:
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot", "ask", "--json", "chuyên viên cần học gì"], cwd=ROOT,
                       env=environment, capture_output=True, check=True)
        return time.perf_counter() - t0

    once(env)  # writes the bytecode cache
    times = [once(env) for _ in range(runs)]
    uncached = statistics.median(once({**env, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": os.devnull})
                                 for _ in range(3))
    return {"runs": runs, "median_s": statistics.median(times), "max_s": max(times), "uncached_s": uncached}


def bench_against_extract_one(rounds: int) -> dict:
    """The core's mean cost per question and a naive extractOne over 300 canned questions, in the same run."""
    from rapidfuzz import process

    from bot.core import default_assistant
    from bot.reply import State

    assistant = default_assistant()
    qs = [q for q in questions() if q.strip()]
    canned = qs[:300]
    probes = qs[300:] or qs
    for q in probes[:50]:
        assistant.answer(q, State())
    t0 = time.perf_counter()
    for r in range(rounds):
        for q in probes:
            process.extractOne(f"{q} {r}", canned)
    naive = (time.perf_counter() - t0) / (rounds * len(probes))
    t0 = time.perf_counter()
    for r in range(rounds):
        for q in probes:
            assistant.answer(f"{q} {r}", State())
    core = (time.perf_counter() - t0) / (rounds * len(probes))
    return {"core_ms": core * 1000, "naive_ms": naive * 1000, "ratio": core / naive, "probes": len(probes)}


def bench_lengths() -> dict:
    """Reply length over every question set: median and 90th percentile (characters)."""
    from bot.core import answer
    from bot.reply import State

    lengths = sorted(len(answer(q, State()).text) for q in questions() if q.strip() and len(q) < 1000)
    return {"n": len(lengths), "median": statistics.median(lengths), "p90": percentile(lengths, 90)}


def _cases(paths) -> list[dict]:
    out = []
    for path in paths:
        out += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [c for c in out if "q" in c]


def _label(case: dict) -> str:
    return "fallback" if case["kind"] == ["fallback"] else (case["clauses"][0] if case["clauses"] else "")


PEER_TEST = "round31"  # the last set written: the peer never saw it; the product was scored on it unseen first


def bench_peer() -> dict | None:
    """TF-IDF (char 2-5 + word 1-2 grams of the folded text) + logistic regression, trained on the labelled sets
    the product was tuned on, against the product on the latest set (PEER_TEST): first clause right on questions that
    need exactly one clause, and out-of-scope questions recognised."""
    try:
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        return None
    from bot.core import answer
    from bot.normalize import normalize
    from bot.reply import State

    data = ROOT / "tests" / "data"
    tuned_on = [p for p in sorted(data.glob("round*/set_*.jsonl")) if p.parent.name != PEER_TEST]
    train = [c for c in _cases(sorted(data.glob("heldout*.jsonl")) + tuned_on
                               + [ROOT.parent / "shared" / "eval" / "dev.jsonl"]) if _label(c)]
    test = _cases(sorted(data.glob(f"{PEER_TEST}/set_*.jsonl")))
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
    words = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True)
    texts = [normalize(c["q"]) for c in train]
    x = hstack([chars.fit_transform(texts), words.fit_transform(texts)]).tocsr()
    model = LogisticRegression(max_iter=2000, C=10).fit(x, [_label(c) for c in train])
    tx = [normalize(c["q"]) for c in test]
    predicted = model.predict(hstack([chars.transform(tx), words.transform(tx)]).tocsr())
    one = [(c, p) for c, p in zip(test, predicted) if len(c["clauses"]) == 1 and c["kind"] != ["fallback"]]
    oos = [(c, p) for c, p in zip(test, predicted) if c["kind"] == ["fallback"]]
    replies = {c["id"]: answer(c["q"], State()) for c in test}
    return {
        "train": len(train), "single": len(one), "oos": len(oos),
        "peer_single": sum(p == c["clauses"][0] for c, p in one),
        "core_single": sum(bool(replies[c["id"]].clauses) and replies[c["id"]].clauses[0] == c["clauses"][0]
                           for c, _ in one),
        "core_single_cited": sum(c["clauses"][0] in replies[c["id"]].clauses for c, _ in one),
        "peer_oos": sum(p == "fallback" for _, p in oos),
        "core_oos": sum(replies[c["id"]].kind == "fallback" for c, _ in oos),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    lat = bench_latency(args.rounds)
    cold = bench_cold_start()
    print(f"per-question latency over {lat['questions']} answers: p50 {lat['p50_ms']:.3f} ms, "
          f"p99 {lat['p99_ms']:.3f} ms, max {lat['max_ms']:.2f} ms")
    print(f"cold start of `python -m bot ask`: median {cold['median_s']:.3f} s, max {cold['max_s']:.3f} s "
          f"over {cold['runs']} runs (target <= 1 s); without Python's bytecode cache {cold['uncached_s']:.3f} s")
    vs = bench_against_extract_one(max(1, args.rounds // 10))
    print(f"core {vs['core_ms']:.3f} ms per question vs naive rapidfuzz extractOne over 300 canned questions "
          f"{vs['naive_ms']:.3f} ms: {vs['ratio']:.2f}x (target <= 2x), {vs['probes']} questions")
    n = bench_lengths()
    print(f"reply length over {n['n']} questions: median {n['median']:.0f}, p90 {n['p90']:.0f} characters "
          f"(targets <= 350, <= 700)")
    peer = bench_peer()
    if peer is None:
        print("learned peer: scikit-learn not installed (pip install -e '.[bench]')")
        return
    pct = lambda a, b: f"{a}/{b} = {100 * a / b:.1f}%"  # noqa: E731
    print(f"learned peer (TF-IDF + logistic regression, trained on {peer['train']} labelled questions) vs the "
          f"product, on the {PEER_TEST} set (never seen by the peer; scored unseen by the product, then used for fixes):")
    print(f"  questions needing one clause, first choice right: peer {pct(peer['peer_single'], peer['single'])}, "
          f"product first cited {pct(peer['core_single'], peer['single'])} "
          f"(cited at all {pct(peer['core_single_cited'], peer['single'])})")
    print(f"  out-of-scope recognised: peer {pct(peer['peer_oos'], peer['oos'])}, "
          f"product {pct(peer['core_oos'], peer['oos'])}")


if __name__ == "__main__":
    main()
