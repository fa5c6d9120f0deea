"""Benchmark: agreed-language tables over the whole shared corpus (time, families, 79th->80th reuse, lineage)."""

from __future__ import annotations

import random
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from indexer.build import build_index
from indexer.families import MIN_WORDS, THRESHOLD, build_families
from indexer.ingest import ingest_tree
from indexer.language import build_language
from indexer.lineage import build_lineage, is_adopted, is_draft, predecessors
from indexer.minhash import paragraph_words, shingles, similar_pairs
from indexer.model import Resolution

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_OUT = ROOT / "var" / "bench" / "language_families_sample.txt"
SAMPLE_SIZE = 20


def run(shared: Path) -> dict:
    """Figures of build_language on every document of the shared corpus."""
    resolutions = sorted(
        (o.resolution for o in ingest_tree(shared, workers=2) if o.resolution is not None),
        key=lambda r: r.source or "",
    )
    with tempfile.TemporaryDirectory() as build_dir:
        started = time.perf_counter()
        build_language(resolutions, Path(build_dir))
        seconds = time.perf_counter() - started
    started = time.perf_counter()
    lineage = build_lineage(resolutions)
    lineage_seconds = time.perf_counter() - started
    started = time.perf_counter()
    provenance = build_families(resolutions, predecessors(lineage))
    families_seconds = time.perf_counter() - started
    members = Counter(p.root for p in provenance)
    sizes = [n for n in members.values() if n > 1]
    drafts = [r for r in resolutions if r.session == 80 and is_draft(r)]
    adopted = [r for r in resolutions if r.session == 80 and is_adopted(r)]
    figures = {
        "documents": len(resolutions),
        "paragraphs_with_family_status": len(provenance),
        "min_words": MIN_WORDS,
        "jaccard_threshold": THRESHOLD,
        "build_language_seconds": round(seconds, 1),
        "lineage_seconds": round(lineage_seconds, 1),
        "families_seconds": round(families_seconds, 1),
        "statuses": dict(Counter(p.status for p in provenance)),
        "families_with_2_or_more": len(sizes),
        "paragraphs_in_those_families": sum(sizes),
        "largest_family": max(sizes, default=0),
        "session_80_reuse_of_79": reuse_of_previous_session(resolutions, 80),
        "drafts_80_linked": f"{sum(1 for d in drafts if lineage[d.symbol or ''].adopted_as)}/{len(drafts)}",
        "adopted_80_linked": f"{sum(1 for a in adopted if lineage[a.symbol or ''].draft_of)}/{len(adopted)}",
        "adopted_80_with_previous_session": sum(
            1 for a in adopted if lineage[a.symbol or ""].previous_session
        ),
    }
    write_sample(resolutions, provenance)
    figures["page_latency"] = page_latencies(shared)
    return figures


# The language pages, served in-process over the shared-corpus index: first (cold) request and p50/p95
PAGES = [
    "/timeline?q=capacity-building",
    "/timeline?q=%22sustainable+development%22",
    "/concordance?q=%22technical+assistance%22&sort=left",
    "/concordance?q=%22technical+assistance%22&sort=right",
    "/compare?a=A/C.3/80/L.31&b=A/RES/80/224",
    "/compare?a=A/RES/79/185&b=A/RES/80/224",
    "/cited",
    "/doc/A/RES/80/224",
]


def page_latencies(shared: Path, runs: int = 30) -> dict:
    """Each language page timed with Flask's test client (no network, no queueing)."""
    from tests.bench.engines import SHARED_INDEX
    from tests.bench.latency import summarise
    from web import create_app

    if not (SHARED_INDEX / "current").exists():
        build_index(shared, SHARED_INDEX)
    client = create_app({"INDEX": str(SHARED_INDEX)}).test_client()
    figures = {}
    for url in PAGES:
        started = time.perf_counter()
        status = client.get(url).status_code
        first = time.perf_counter() - started
        seconds = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(url)
            seconds.append(time.perf_counter() - started)
        figures[url] = {"status": status, "first_ms": round(first * 1000, 1)} | {
            k: v for k, v in summarise(seconds).figures().items() if k in ("p50_ms", "p95_ms")
        }
    return figures


def reuse_of_previous_session(resolutions: list[Resolution], session: int) -> dict:
    """Adopted paragraphs of `session` by their best match among the adopted ones of session - 1."""
    earlier = [r for r in resolutions if r.session == session - 1 and is_adopted(r)]
    later = [r for r in resolutions if r.session == session and is_adopted(r)]
    keys: dict[tuple[str, ...], int] = {}
    owners: list[set[int]] = []  # per group: which sides (0 earlier, 1 later) use it
    later_groups: list[int] = []
    for side, documents in ((0, earlier), (1, later)):
        for resolution in documents:
            for paragraph in resolution.paragraphs:
                words = paragraph_words(paragraph.text)
                if paragraph.kind == "footnote" or len(words) < MIN_WORDS:
                    continue
                group = keys.setdefault(words, len(keys))
                if group == len(owners):
                    owners.append(set())
                owners[group].add(side)
                if side:
                    later_groups.append(group)
    sets = [shingles(words) for words in keys]
    best: dict[int, float] = defaultdict(float)
    for first, second, score in similar_pairs(sets, 0.0):
        for one, other in ((first, second), (second, first)):
            if 0 in owners[other]:
                best[one] = max(best[one], score)
    statuses: Counter[str] = Counter()
    histogram: Counter[float] = Counter()
    for group in later_groups:
        if 0 in owners[group]:
            statuses["unchanged"] += 1
            histogram[1.0] += 1
        else:
            statuses["amended" if best[group] >= THRESHOLD else "new"] += 1
            histogram[min(int(best[group] * 10), 9) / 10] += 1
    total = len(later_groups)
    return {
        "paragraphs": total,
        **{name: statuses[name] for name in ("unchanged", "amended", "new")},
        "share_reusing": round((statuses["unchanged"] + statuses["amended"]) / total, 3)
        if total
        else 0.0,
        # best-match Jaccard per 0.1 bin (LSH candidates: counts below 0.3 are undercounts of
        # weak matches, since LSH rarely proposes such pairs; "1.0" is identical wording)
        "best_match_histogram": {f"{k:.1f}": histogram[k] for k in sorted(histogram)},
    }


def write_sample(resolutions: list[Resolution], provenance: list) -> None:
    """20 random amended paragraphs beside their previous version, for checking by hand."""
    texts = {(r.symbol, p.id): p.text for r in resolutions for p in r.paragraphs}
    amended = [p for p in provenance if p.status == "amended"]
    chosen = random.Random(80).sample(amended, min(SAMPLE_SIZE, len(amended)))
    lines = []
    for item in chosen:
        ref, previous = (item.symbol, item.paragraph_id), item.previous
        lines += [
            f"== {ref[0]} {ref[1]} <- {previous[0]} {previous[1]}  J={item.similarity:.2f}",
            f"   NEW {texts[ref]}",
            f"   OLD {texts[previous]}",
            "",
        ]
    SAMPLE_OUT.parent.mkdir(parents=True, exist_ok=True)
    SAMPLE_OUT.write_text("\n".join(lines))
    print("\n".join(lines), flush=True)


if __name__ == "__main__":  # python -m tests.bench.language [../shared/corpus]
    import json
    import sys

    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    print(json.dumps(run(shared), indent=2))
