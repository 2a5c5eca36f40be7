"""Rebuild the default ticket classifier shipped in opexdesk/resources/classify.

    python scripts/build_default_model.py [--tickets 6000] [--out DIR] [--check]

Trained only on data we own: synthetic tickets of the project's demo generator
(opexdesk/services/demo_generator.py, English and Chinese, written for OpExDesk) plus the
keyword seed set of opexdesk/services/classify/keyword_rules.py (which adds German). Never on
../shared/data. Deterministic: the same code gives byte-identical files. ``--check``
rebuilds into a temporary directory and fails when the shipped files differ.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from opexdesk.services.classify.history import Example  # noqa: E402
from opexdesk.services.classify.keyword_rules import CATEGORY_GROUP, SEED  # noqa: E402
from opexdesk.services.classify.model import FIELDS, TrainConfig, train_classifier  # noqa: E402
from opexdesk.services.classify.model_store import save_model  # noqa: E402
from opexdesk.services.demo_generator import DemoGenerator  # noqa: E402

OUT = REPO / "opexdesk" / "resources" / "classify"
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)  # fixed, so the demo tickets never change
SAVED_AT = "2026-06-01T12:00:00+00:00"
# Smaller vocabularies than the on-device default: the shipped files stay well under 2 MB.
CONFIG = TrainConfig(max_word=6000, max_char=16000, min_df=2)
# The demo texts repeat a few urgency phrases ("Not urgent."); the seed keywords must be
# able to outvote them ("urgent" alone means urgent), so each counts as this many tickets.
SEED_WEIGHT = 20.0
# Synthetic tickets are far cleaner than real ones, so the temperature fitted on them makes
# the default model over-confident; it is scaled down.
TEMPERATURE_SCALE = 0.5


def demo_examples(count: int, seed: int = 0) -> list[Example]:
    """``count`` synthetic tickets from the demo generator, with their four labels."""
    gen = DemoGenerator(seed, int(NOW.timestamp()))
    created, person, lang = gen.creation(count)
    rows = gen.batch(created, person, lang, 1, 1).tickets
    # Column order of demo.py's INSERT: title 3, description 4, category 7, impact 8,
    # urgency 9, group 13.
    return [
        Example(
            r[3],
            r[4],
            {
                "category": r[7],
                "impact": str(r[8]),
                "urgency": str(r[9]),
                "group_name": r[13],
            },
        )
        for r in rows
    ]


def seed_examples() -> list[Example]:
    """One tiny example per keyword of the seed set (German included)."""
    out = []
    for field, entries in SEED.items():
        for label, words in entries:
            for kw in words.split("|"):
                labels: dict[str, str | None] = {field: label}
                if field == "category":
                    labels["group_name"] = CATEGORY_GROUP.get(label)
                out.append(Example(kw, "", labels))
    return out


def build(out: Path, tickets: int) -> None:
    demo, seeds = demo_examples(tickets), seed_examples()
    examples = demo + seeds
    texts = [e.text for e in examples]
    labels = {f: [e.labels.get(f) for e in examples] for f in FIELDS}
    weights = [1.0] * len(demo) + [SEED_WEIGHT] * len(seeds)
    model = train_classifier(texts, labels, weights, config=CONFIG)
    for fm in model.fields.values():
        fm.temperature *= TEMPERATURE_SCALE
    model.info = {
        "trained_on": f"{tickets} demo tickets (seed 0) + keyword seed set",
        "examples": len(texts),
        "labelled": {f: sum(1 for v in labels[f] if v) for f in FIELDS},
    }
    save_model(model, out, saved_at=SAVED_AT)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=6000)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="fail if the shipped files differ")
    args = parser.parse_args()
    if not args.check:
        build(args.out, args.tickets)
        total = sum(p.stat().st_size for p in args.out.iterdir())
        print(f"wrote {args.out} ({total / 1e6:.2f} MB)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp), args.tickets)
        names = sorted(p.name for p in Path(tmp).iterdir())
        shipped = sorted(p.name for p in args.out.iterdir()) if args.out.is_dir() else []
        same = names == shipped and all(
            filecmp.cmp(Path(tmp) / n, args.out / n, shallow=False) for n in names
        )
    if not same:
        sys.exit(f"{args.out} is stale: run python scripts/build_default_model.py")
    print(f"{args.out} is up to date")


if __name__ == "__main__":
    main()
