"""Fit the learned clause prior of a plan from labelled question sets and store it beside the plan.

TF-IDF over the character 2-5-grams and word 1-2-grams of the folded question (the assistant's own folding), then
logistic regression over the first clause each question needs ('fallback' for out-of-scope questions). The weights
are stored sparse (|w| >= PRUNE, as flat [class, weight, class, weight, …] lists) in <plan>.prior.json; knowledge/prior.py scores with them in plain Python.

Run: python scripts/fit_prior.py [--exclude round19 ...]    (needs scikit-learn: pip install -e '.[bench]')
The public set ../shared/eval/dev.jsonl is never fitted on: it stays a fair measure.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PRUNE = 0.1  # weights smaller than this are dropped: the stored model loads fast, its choices all but the same
C = 10.0  # inverse regularisation, as the peer


def labelled(paths: list[Path]) -> list[tuple[str, str]]:
    """(question, label) of every question that needs a first clause or is out of scope."""
    out = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            case = json.loads(line) if line.strip() else {}
            if "q" not in case:
                continue
            if case["kind"] == ["fallback"]:
                out.append((case["q"], "fallback"))
            elif case.get("clauses"):
                out.append((case["q"], case["clauses"][0]))
    return out


def sets(data: Path, exclude: list[str]) -> list[Path]:
    """The labelled question sets of tests/data, less the excluded rounds."""
    found = sorted(data.glob("heldout*.jsonl")) + sorted(data.glob("round*/set_*.jsonl"))
    return [p for p in found if p.parent.name not in exclude and p.stem not in exclude]


def fit_model(cases: list[tuple[str, str]]):
    """The two fitted TF-IDF blocks and the logistic regression over them."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from bot.normalize import normalize
    from knowledge.prior import char_grams, word_grams

    texts = [normalize(q) for q, _ in cases]
    blocks = [TfidfVectorizer(analyzer=char_grams, sublinear_tf=True),
              TfidfVectorizer(analyzer=word_grams, sublinear_tf=True)]
    x = hstack([b.fit_transform(texts) for b in blocks]).tocsr()
    return blocks, LogisticRegression(max_iter=3000, C=C).fit(x, [label for _, label in cases])


def fit(cases: list[tuple[str, str]], fitted_on: list[str], prune: float = PRUNE) -> dict:
    """The prior's stored form."""
    blocks, model = fit_model(cases)
    stored, start = [], 0
    for block in blocks:
        names = block.get_feature_names_out()
        weights: dict[str, list] = {}
        for j, name in enumerate(names):
            column = model.coef_[:, start + j]
            kept = [x for k, w in enumerate(column) if abs(w) >= prune for x in (k, round(float(w), 3))]
            if kept:
                weights[str(name)] = kept
        idf = {str(n): round(float(v), 4) for n, v in zip(names, block.idf_) if str(n) in weights}
        stored.append({"idf": idf, "weights": weights})
        start += len(names)
    return {"fitted_on": fitted_on, "classes": [str(c) for c in model.classes_],
            "intercepts": [round(float(b), 4) for b in model.intercept_], "chars": stored[0], "words": stored[1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", type=Path, default=ROOT / "knowledge" / "data" / "kh39.yaml")
    parser.add_argument("--data", type=Path, default=ROOT / "tests" / "data")
    parser.add_argument("--exclude", nargs="*", default=[], help="rounds or sets left out (e.g. the newest, unseen)")
    parser.add_argument("--out", type=Path, help="where to write (default: beside the plan)")
    args = parser.parse_args()
    from knowledge.prior import prior_file

    paths = sets(args.data, args.exclude)
    cases = labelled(paths)
    prior = fit(cases, [str(p.relative_to(args.data)) for p in paths])
    out = args.out or prior_file(args.plan)
    out.write_text(json.dumps(prior, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    n = sum(len(b["weights"]) for b in (prior["chars"], prior["words"]))
    print(f"fitted on {len(cases)} questions of {len(paths)} sets; {len(prior['classes'])} classes, "
          f"{n} features kept; wrote {out} ({out.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
