"""The tantivy index holds exactly the project's token streams: same words, folds, stems, positions.

The writer hands tantivy the project's folded words and stems joined by spaces (computed by
search.engines.rows at C speed for ASCII words); tantivy's whitespace analyzer must split them
back into the same tokens, and the fast word split must equal indexer.analysis on every text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tantivy
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.model import UnreadableSource
from corpus.read import read
from indexer.analysis import exact_words, stemmed_words
from indexer.model import Paragraph
from search.engines.rows import DocumentValues, Row, fast_exact_words, joinerless
from search.engines.tantivy.analysis import (
    STEMS,
    WORDS,
    analyzer,
    pre_tokenized,
    project_streams,
    spaced,
    spaced_words,
    stem_analyzer,
)
from search.engines.tantivy.analysis import register as register_words
from tests.conftest import SAMPLE
from tests.test_stemmer_agreement import SOURCE_SUFFIXES

SPLITTER = analyzer()
STEMMER = stem_analyzer()
TRICKY = [
    "Member States’ capacity-building, A/RES/79/3 and 1.5 °C",
    "Côte d’Ivoire, Türkiye, Curaçao, São Tomé and Príncipe; naïve rôle",
    "İstanbul ﬁnancing, co-operation — “agreed” language… (2030 Agenda)",
    "under_score o'clock U.N. 'quoted' Ukraine's 12.5.2 paragraph's a..b c.'d e'.f",
    "Straße Ærø ½ ΟΔΟΣ",
    "UPPER Case. end.' 'start x''y 3.14. ..dots.. it's'",
    "a ligature ﷺ holds spaces once folded",
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


def row(text: str) -> Row:
    document = DocumentValues("X", 0, {}, {}, None, None, {}, {})
    return Row(Paragraph(id="op1", kind="operative", number="1", text=text), 0, document)


def stream_differences(lines: list[str]) -> list[str]:
    """Lines whose indexed exact or stemmed token stream differs from the project's, whole."""
    problems = []
    for text in lines:
        exact, stems = project_streams(text)
        indexed = row(text)
        if fast_exact_words(text) != exact_words(text) or indexed.words != exact:
            problems.append(f"{text!r}: words {indexed.words} != {exact}")
        elif indexed.stems != " ".join(stems):
            problems.append(f"{text!r}: stems {indexed.stems} != {stems}")
        elif (words := spaced_words(indexed)) is None:
            exact_tokens, stem_tokens = pre_tokenized(text)
            if [t.text for t in exact_tokens.tokens] != exact:
                problems.append(f"{text!r}: pre-tokenised {exact_tokens.tokens} != {exact}")
            elif [t.text for t in stem_tokens.tokens] != stems:
                problems.append(f"{text!r}: pre-tokenised stems {stem_tokens.tokens} != {stems}")
        elif SPLITTER.analyze(words) != exact:
            problems.append(f"{text!r}: tantivy splits {SPLITTER.analyze(words)} != {exact}")
        elif STEMMER.analyze(words) != stems:
            problems.append(f"{text!r}: tantivy stems {STEMMER.analyze(words)} != {stems}")
    return problems


def assert_streams_agree(lines: list[str]) -> None:
    problems = stream_differences(lines)
    assert not problems, f"{len(problems)} lines analysed differently:\n" + "\n".join(problems[:20])


def assert_corpus_agrees(lines: list[str]) -> None:
    assert_streams_agree(lines)
    spaced_share = sum(spaced(text, exact_words(text)) for text in lines) / len(lines)
    assert spaced_share > 0.99, f"only {spaced_share:.1%} of lines passed as spaced words"


def test_tricky_texts_agree() -> None:
    assert_streams_agree(TRICKY * 20)


def test_fast_split_equals_the_projects_on_ascii_edge_cases() -> None:
    for text in ("", "...", "a.b.c", "a'b'c", "x.'y", "'a'", "A.B. C", "9.5.", "ab''cd", "Ab_cd"):
        assert fast_exact_words(text) == exact_words(text), text


def test_a_word_holding_a_space_goes_pre_tokenised() -> None:
    ligature = TRICKY[-1]
    assert any(" " in word for word in exact_words(ligature))
    assert not spaced(ligature, exact_words(ligature))
    assert spaced(TRICKY[1], exact_words(TRICKY[1])) and spaced("plain", ["plain"])


def test_pre_tokenized_streams_are_the_projects() -> None:
    text = "Straße: naïve ½ capacity-building ﷺ"
    exact, stems = pre_tokenized(text)
    assert [token.text for token in exact.tokens] == project_streams(text)[0]
    assert [token.text for token in stems.tokens] == project_streams(text)[1]
    assert [token.position for token in exact.tokens] == list(range(len(exact.tokens)))


def test_stems_are_the_projects() -> None:
    text = "Requests the Secretary-General to report on implementation of the resolutions"
    assert row(text).stems.split(" ") == stemmed_words(text)


def test_sample_corpus_streams_agree() -> None:
    assert_corpus_agrees(texts(SAMPLE))


@pytest.mark.shared
def test_shared_corpus_streams_agree(shared_corpus: Path) -> None:
    assert_corpus_agrees(texts(shared_corpus))


def test_positions_match_the_projects(tmp_path: Path) -> None:
    """Every run of three consecutive project tokens is found as a phrase in the indexed line."""
    schema_builder = tantivy.SchemaBuilder()
    schema_builder.add_text_field("exact", tokenizer_name=WORDS, index_option="position")
    schema_builder.add_text_field("stems", tokenizer_name=STEMS, index_option="position")
    schema = schema_builder.build()
    index = tantivy.Index(schema, path=str(tmp_path))
    register_words(index)
    writer = index.writer(15_000_000, 1)
    lines = [text for text in texts(SAMPLE) if len(project_streams(text)[0]) >= 3][:300]
    lines += [text for text in TRICKY if len(project_streams(text)[0]) >= 3]
    for text in lines:
        document = tantivy.Document()
        words = spaced_words(row(text))
        if words is not None:
            document.add_text("exact", words)
            document.add_text("stems", words)
        else:
            exact_tokens, stem_tokens = pre_tokenized(text)
            document.add_pre_tokenized_text("exact", exact_tokens)
            document.add_pre_tokenized_text("stems", stem_tokens)
        writer.add_document(document)
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


ASCII_PATTERN = re.compile(r"[a-z0-9]+(?:['.][a-z0-9]+)*")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="aZ9 '.-_/,;:\"()\t\n", max_size=24))
def test_ascii_split_equals_the_pattern(text: str) -> None:
    """Both fast ASCII paths (translation for joinerless text, else the ASCII regex) against
    WORD_PATTERN's ASCII form, with joiners everywhere."""
    assert fast_exact_words(text) == ASCII_PATTERN.findall(text.lower())


def test_most_sample_paragraphs_take_the_translation() -> None:
    lines = texts(SAMPLE)
    assert sum(map(joinerless, lines)) / len(lines) > 0.5
    assert not joinerless("Secretary-General's report") and not joinerless("paragraph 12.5")
    assert joinerless("Recalls its resolution 78/1. Decides to continue.")
