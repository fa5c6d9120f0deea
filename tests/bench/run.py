"""`make bench`: run every benchmark module, write var/bench/*.json and the summary in docs/bench.md."""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "bench"
MODULES = (
    "ingest",
    "parsing",
    "engines",
    "update",
    "language",
    "web",
    "fetch",
    "check",
    "distributed",
    "robust",
    "phrases",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--only", nargs="*", choices=MODULES, default=list(MODULES))
    args = parser.parse_args()
    if not args.shared.is_dir():
        raise SystemExit(f"make bench measures the real corpus: {args.shared} not found")
    OUT.mkdir(parents=True, exist_ok=True)
    results = {}
    for name in args.only:
        started = time.perf_counter()
        print(f"== bench {name}", flush=True)
        module = importlib.import_module(f"tests.bench.{name}")
        figures = module.run(args.shared)
        figures["bench_seconds"] = round(time.perf_counter() - started, 1)
        (OUT / f"{name}.json").write_text(json.dumps(figures, indent=2, default=str))
        results[name] = figures
        print(json.dumps(figures, indent=2, default=str), flush=True)
    write_summary()


def write_summary() -> None:
    """docs/bench.md keeps the latest figures readable next to the code that produced them."""
    lines = [
        "# Benchmark figures",
        "",
        f"Written by `make bench` on {time.strftime('%Y-%m-%d %H:%M')} "
        f"({platform.machine()}, {platform.python_version()}); raw JSON in var/bench/.",
        "",
    ]
    for path in sorted(OUT.glob("*.json")):
        name, figures = path.stem, json.loads(path.read_text())
        lines += [
            f"## {name}",
            "",
            "```json",
            json.dumps(figures, indent=2, default=str),
            "```",
            "",
        ]
    summary = ROOT / "docs" / "bench.md"
    summary.parent.mkdir(exist_ok=True)
    summary.write_text("\n".join(lines))


if __name__ == "__main__":
    main()
