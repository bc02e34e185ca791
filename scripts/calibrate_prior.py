"""Leave-one-round-out check of the learned clause prior: for each round, fit the prior without that round's
questions, then score the round's question and conversation sets with that prior and with none.

Run: python scripts/calibrate_prior.py [--sure 0.3] [--share 0.35] [round13 round14 …]   (needs scikit-learn)
The thresholds it tries are those of bot/cues.py (PRIOR_SURE, PRIOR_HIT_SHARE) unless given.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def score_round(data: Path, name: str, prior_path: Path | None) -> list[tuple[str, int, int]]:
    """(set, passed, total) of every set of a round, with the given prior (None: without one)."""
    from bot.assistant import Assistant
    from bot.evaluate import evaluate
    from bot.understand import Understander
    from knowledge import load_kb
    from knowledge.prior import read_prior

    kb = load_kb()
    kb._prior = read_prior(prior_path, {c.id for c in kb.clauses}) if prior_path else None
    assistant = Assistant(Understander(kb))
    folder = data / name
    files = sorted(folder.glob("*.jsonl")) if folder.is_dir() else [data / f"{name}.jsonl"]
    out = []
    for path in files:
        score = evaluate(path, assistant.answer)
        out.append((path.name, score.passed, score.total))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rounds", nargs="*", help="rounds (folders of tests/data) or held-out sets; default: all")
    parser.add_argument("--sure", type=float, help="PRIOR_SURE to try")
    parser.add_argument("--share", type=float, help="PRIOR_HIT_SHARE to try")
    args = parser.parse_args()
    import bot.plantext as plantext

    if args.sure is not None:
        plantext.PRIOR_SURE = args.sure
    if args.share is not None:
        plantext.PRIOR_HIT_SHARE = args.share
    data = ROOT / "tests" / "data"
    rounds = args.rounds or sorted({p.parent.name for p in data.glob("round*/set_*.jsonl")}
                                   | {p.stem for p in data.glob("heldout*.jsonl")})
    gained = lost = 0
    with tempfile.TemporaryDirectory() as folder:
        for name in rounds:
            prior = Path(folder) / f"{name}.prior.json"
            subprocess.run([sys.executable, str(ROOT / "scripts" / "fit_prior.py"), "--exclude", name, "--out",
                            str(prior)], check=True, capture_output=True)
            for (file, with_prior, total), (_, without, _) in zip(score_round(data, name, prior),
                                                                  score_round(data, name, None)):
                gained += max(0, with_prior - without)
                lost += max(0, without - with_prior)
                print(f"{name}/{file}: {without}/{total} without the prior, {with_prior}/{total} with it", flush=True)
    print(f"net: +{gained} / -{lost} (sure >= {plantext.PRIOR_SURE}, share >= {plantext.PRIOR_HIT_SHARE})")


if __name__ == "__main__":
    main()
