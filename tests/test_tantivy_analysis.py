"""tantivy's analysers index exactly the project's token streams: same words, folds, stems, positions."""

from __future__ import annotations

from pathlib import Path

import pytest
import tantivy

from corpus.model import UnreadableSource
from corpus.read import read
from search.engines.tantivy.analysis import (
    agrees,
    analyzer,
    native,
    pre_tokenized,
    project_streams,
    register,
)
from tests.conftest import SAMPLE
from tests.test_stemmer_agreement import SOURCE_SUFFIXES

EXACT, STEMS = analyzer(stemmed=False), analyzer(stemmed=True)
TRICKY = [
    "Member States’ capacity-building, A/RES/79/3 and 1.5 °C",
    "Côte d’Ivoire, Türkiye, Curaçao, São Tomé and Príncipe; naïve rôle",
    "İstanbul ﬁnancing, co-operation — “agreed” language… (2030 Agenda)",
    "under_score o'clock U.N. 'quoted' Ukraine's 12.5.2 paragraph's",
    "Straße Ærø ½ ΟΔΟΣ",
]


def texts(folder: Path) -> list[str]:
    """Every line of every source in a corpus folder, as the parser reads it."""
    found: list[str] = []
    for path in sorted(folder.rglob("*")):
        suffix = path.suffix.lower()
        if suffix not in SOURCE_SUFFIXES:
            continue
        if suffix == ".txt":
            found.extend(path.read_text(encoding="utf-8", errors="replace").splitlines())
            continue
        try:
            found.extend(line.text for line in read(path).lines)
        except UnreadableSource:
            continue
    return [text for text in found if text.strip()]


def stream_differences(lines: list[str]) -> list[str]:
    """Lines tantivy would analyse itself whose exact or stemmed stream differs from the project's."""
    problems = []
    for text in lines:
        if not native(text):
            continue
        exact, stems = project_streams(text)
        if EXACT.analyze(text) != exact or STEMS.analyze(text) != stems:
            problems.append(f"{text!r}: {EXACT.analyze(text)} / {STEMS.analyze(text)} != {exact}")
    return problems


def assert_streams_agree(lines: list[str]) -> None:
    problems = stream_differences(lines)
    assert not problems, f"{len(problems)} lines analysed differently:\n" + "\n".join(problems[:20])
    native_share = sum(native(text) for text in lines) / len(lines)
    assert native_share > 0.95, f"only {native_share:.1%} of lines analysed inside tantivy"


def test_tricky_texts_agree_or_fall_back() -> None:
    assert_streams_agree([text for text in TRICKY if native(text)] * 20 + TRICKY)
    assert native(TRICKY[0]) and native(TRICKY[1]) and native(TRICKY[2])
    assert not native("Straße") and not native("½") and not native("ΟΔΟΣ")


def test_characters_judged_one_by_one() -> None:
    assert agrees("é") and agrees("’") and agrees("—") and agrees("İ")
    assert not agrees("ß")  # tantivy folds it to "ss"
    assert not agrees("½")  # a word character for Python's regex, a separator for Rust's


def test_pre_tokenized_streams_are_the_projects() -> None:
    text = "Straße: naïve ½ capacity-building"
    exact, stems = pre_tokenized(text)
    assert [token.text for token in exact.tokens] == project_streams(text)[0]
    assert [token.text for token in stems.tokens] == project_streams(text)[1]
    assert [token.position for token in exact.tokens] == list(range(len(exact.tokens)))


def test_sample_corpus_streams_agree() -> None:
    assert_streams_agree(texts(SAMPLE))


@pytest.mark.shared
def test_shared_corpus_streams_agree(shared_corpus: Path) -> None:
    assert_streams_agree(texts(shared_corpus))


def test_positions_match_the_projects(tmp_path: Path) -> None:
    """Every run of three consecutive project tokens is found as a phrase in the indexed line."""
    schema_builder = tantivy.SchemaBuilder()
    schema_builder.add_text_field("exact", tokenizer_name="agreed_exact", index_option="position")
    schema_builder.add_text_field("stems", tokenizer_name="agreed_stems", index_option="position")
    schema = schema_builder.build()
    index = tantivy.Index(schema, path=str(tmp_path))
    register(index)
    writer = index.writer(15_000_000, 1)
    lines = [text for text in texts(SAMPLE) if len(project_streams(text)[0]) >= 3][:300]
    lines += [text for text in TRICKY if native(text)]
    for text in lines:
        writer.add_document(tantivy.Document(exact=text, stems=text))
    writer.commit()
    index.reload()
    searcher = index.searcher()
    for text in lines:
        exact, stems = project_streams(text)
        for field, words in (("exact", exact), ("stems", stems)):
            middle = len(words) // 2
            window: list[str | tuple[int, str]] = list(words[middle - 1 : middle + 2])
            query = tantivy.Query.phrase_query(schema, field, window)
            found = searcher.search(query, 1).hits
            assert found, f"{field} phrase {window} of {text!r}"
