"""The benchmark's own tools: synthetic corpus, FTS5 baseline, bulk index writer, latency maths.

Figures from `make bench` are only worth reading if the synthetic corpus is what it claims and the
FTS5 baseline answers the same queries with the same matches as the engines.
"""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from indexer.model import Paragraph, Resolution
from search.searcher import open_searcher
from search.store.docstore import keyed
from tests.bench import bulk, fts5, latency, queries, synthetic

TEXTS = [
    "Recognizing the importance of capacity-building for developing countries,",
    "Requests the Secretary-General to report on capacity building and technical assistance;",
    "Decides to remain seized of the matter.",
    "Stresses the need for international cooperation against transnational organized crime;",
    "Welcomes the work of the Côte d'Ivoire delegation on the rule of law;",
    "Calls upon Member States to strengthen the rule of law at the national level;",
]


def _document(number: int, committee: str, sponsors: list[str]) -> Resolution:
    paragraphs = [
        Paragraph(
            id=f"op{i + 1}" if i % 2 else f"pp{i + 1}",
            kind="operative" if i % 2 else "preambular",
            number=str(i + 1),
            text=text,
            verb="request" if text.startswith("Requests") else None,
        )
        for i, text in enumerate(TEXTS[number % 3 :] + TEXTS[: number % 3])
    ]
    return Resolution(
        symbol=f"A/C.3/79/L.{number}",
        body="General Assembly",
        doc_type="draft resolution",
        session=79 if number % 2 else 80,
        committee=committee,
        agenda_items=[str(100 + number % 4)],
        sponsors=sponsors,
        date=f"2024-10-{number + 1:02d}",
        title=f"Draft {number}",
        paragraphs=paragraphs,
    )


@pytest.fixture(scope="module")
def real() -> list[Resolution]:
    committees = ["Third Committee", "Second Committee", "Plenary"]
    return [_document(n, committees[n % 3], ["France", "Ghana"][: n % 3]) for n in range(1, 13)]


def test_synthetic_corpus_has_exactly_the_paragraphs_asked_for(real):
    documents = synthetic.generate(real, 1_003)
    assert synthetic.paragraph_count(documents) == 1_003
    assert {d.session for d in documents} <= set(synthetic.SESSIONS)
    assert len({d.symbol for d in documents}) == len(documents)
    assert {p.text for d in documents for p in d.paragraphs} <= set(TEXTS)


def test_synthetic_corpus_is_the_same_for_the_same_seed(real):
    first = synthetic.generate(real, 500, seed=3)
    again = synthetic.generate(real, 500, seed=3)
    other = synthetic.generate(real, 500, seed=4)
    assert [d.to_json() for d in first] == [d.to_json() for d in again]
    assert [d.to_json() for d in first] != [d.to_json() for d in other]


def test_sample_takes_leading_documents_up_to_the_size(real):
    documents = synthetic.generate(real, 300)
    taken = synthetic.sample(documents, 100)
    assert documents[: len(taken)] == taken
    assert 100 <= synthetic.paragraph_count(taken) < 100 + 6


QUERY_TEXTS = [
    ("capacity-building", fts5.phrase("stems", ["capac", "build"])),
    ('"rule of law"', fts5.phrase("exact", ["rule", "of", "law"])),
    ("cote", fts5.phrase("stems", ["cote"])),
    ("report assistance", 'stems : "report" AND stems : "assist"'),
]


@pytest.fixture(scope="module")
def indexes(real, tmp_path_factory) -> tuple[Path, Path]:
    corpus = keyed(synthetic.generate(real, 400))
    work = tmp_path_factory.mktemp("bench")
    bulk.write_index(corpus, work / "index", "tantivy")
    fts5.build(corpus, work / "fts.sqlite")
    return work / "index", work / "fts.sqlite"


@pytest.mark.parametrize(("text", "match"), QUERY_TEXTS)
def test_fts5_baseline_matches_what_the_engine_matches(indexes, text, match):
    from search.api import SearchRequest

    index_dir, database = indexes
    searcher, baseline = open_searcher(index_dir), fts5.Fts5Searcher(database)
    try:
        engine = searcher.search(SearchRequest(query=text, facets=True, page_size=10))
        answer = baseline.search(fts5.FtsQuery(match, facets=True, text=text))
    finally:
        searcher.close()
        baseline.close()
    assert engine.total > 0
    assert answer["total"] == engine.total
    assert dict(answer["facets"]["committee"]) == dict(engine.facets["committee"])
    assert dict(answer["facets"]["sponsor"]) == dict(engine.facets["sponsor"])
    assert all("<mark>" in snippet for _, _, snippet in answer["hits"])


def test_fts5_filter_agrees_with_the_fielded_query(indexes):
    from search.api import SearchRequest

    index_dir, database = indexes
    searcher, baseline = open_searcher(index_dir), fts5.Fts5Searcher(database)
    try:
        engine = searcher.search(SearchRequest(query="committee:third law"))
        fields = fts5.FtsQuery(
            fts5.phrase("stems", ["law"]), filter=("committee", "Third Committee"), text="law"
        )
        answer = baseline.search(fields)
    finally:
        searcher.close()
        baseline.close()
    assert 0 < answer["total"] == engine.total


def test_bulk_index_reports_sizes_and_counts(real, tmp_path):
    corpus = keyed(real)
    report = bulk.write_index(corpus, tmp_path / "index", "tantivy")
    assert report.paragraphs == sum(len(r.paragraphs) for _, r in corpus)
    assert report.engine_bytes > 0 and report.docstore_bytes > 0
    searcher = open_searcher(tmp_path / "index")
    try:
        assert searcher.stats()["paragraphs"] == report.paragraphs
    finally:
        searcher.close()


def test_queries_pick_facet_words_near_the_target_share(real):
    vocabulary = queries.Vocabulary.of(real)
    words = queries.facet_words(vocabulary, target=0.5, count=2)
    assert words
    shares = [vocabulary.share(w) for w in words]
    assert all(abs(s - 0.5) <= abs(vocabulary.share("decides") - 0.5) for s in shares)


def test_hyphenated_compounds_start_with_capacity_building(real):
    compounds = queries.hyphenated_compounds(real)
    assert compounds[0] == "capacity-building"
    assert "secretary-general" in compounds


@pytest.mark.parametrize(
    ("fraction", "expected"), [(0.5, 50), (0.95, 95), (0.99, 99), (1.0, 100), (0.001, 1)]
)
def test_nearest_rank_percentile(fraction, expected):
    assert latency.percentile(list(range(100, 0, -1)), fraction) == expected


def test_measure_runs_warmup_then_timed_calls_cycling_inputs():
    calls: list[int] = []
    result = latency.measure(calls.append, [1, 2, 3], runs=7, warmup=2)
    assert calls == [2, 3, 1, 2, 3, 1, 2, 3, 1]
    assert result.runs == 7
    assert result.p50_ms <= result.p95_ms <= result.max_ms


def test_measure_stops_at_the_budget_but_keeps_five_runs():
    result = latency.measure(lambda _: None, [0], runs=1000, warmup=0, budget_seconds=0.0)
    assert result.runs == 5


def test_interleaved_alternates_blocks_of_each_side_over_shifted_inputs(monkeypatch):
    monkeypatch.setattr(latency, "RUNS", 4)
    monkeypatch.setattr(latency, "WARMUP", 2)
    calls: list[tuple[str, int]] = []
    sides = {
        "fts5": lambda item: calls.append(("fts5", item)),
        "engine": lambda item: calls.append(("engine", item)),
    }
    result = latency.interleaved(sides, [1, 2, 3, 4], rounds=2, budgets={})
    # per round and side: one warm-up call from the end, then two timed ones; round 2 starts at 3
    assert calls == [
        ("fts5", 4), ("fts5", 1), ("fts5", 2),
        ("engine", 4), ("engine", 1), ("engine", 2),
        ("fts5", 2), ("fts5", 3), ("fts5", 4),
        ("engine", 2), ("engine", 3), ("engine", 4),
    ]  # fmt: skip
    assert result["fts5"].runs == result["engine"].runs == 4


def test_interleaved_shares_a_budget_out_over_the_rounds():
    result = latency.interleaved({"slow": lambda _: None}, [0], rounds=2, budgets={"slow": 0.0})
    assert result["slow"].runs == 10  # at least five a round, the budget spent at once


def test_frozen_heap_keeps_the_bench_objects_out_of_collections_then_lets_them_go():
    corpus = [[number] for number in range(1000)]  # what a bench holds and a server does not
    before = gc.get_freeze_count()
    with latency.frozen_heap():
        assert gc.get_freeze_count() >= before + len(corpus)
        assert not any(item is corpus for item in gc.get_objects(generation=2))
    assert gc.get_freeze_count() == 0
    assert any(item is corpus for item in gc.get_objects(generation=2))


def test_host_memory_reads_every_page_of_its_buffer_in_seconds():
    seconds = latency.host_memory(megabytes=32, rounds=2)
    assert isinstance(seconds, float) and 0 < seconds < 60
