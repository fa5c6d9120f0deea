"""The project's Snowball stemmer (what we index) and tantivy's English stemmer must group words alike."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import Stemmer
import tantivy
from hypothesis import given, settings
from hypothesis import strategies as st
from snowballstemmer.english_stemmer import EnglishStemmer

from corpus.model import UnreadableSource
from corpus.read import read
from indexer import analysis
from indexer.analysis import exact_words, stem
from tests.conftest import SAMPLE

SOURCE_SUFFIXES = (".pdf", ".txt", ".html", ".htm")


def corpus_words(folder: Path) -> set[str]:
    """Every distinct folded word of a corpus folder: .txt read directly, other formats via corpus.read."""
    words: set[str] = set()
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in SOURCE_SUFFIXES:
            continue
        if path.suffix.lower() == ".txt":
            words.update(exact_words(path.read_text(encoding="utf-8", errors="replace")))
            continue
        try:
            document = read(path)
        except UnreadableSource:
            continue
        for line in document.lines:
            words.update(exact_words(line.text))
    return words


def tantivy_stems(words: list[str]) -> list[str]:
    """tantivy's own English stemmer over the same folded words, one batch per 20,000 words."""
    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )
    stems: list[str] = []
    for offset in range(0, len(words), 20_000):
        batch = words[offset : offset + 20_000]
        analysed = analyzer.analyze(" ".join(batch))
        assert len(analysed) == len(batch), "tantivy split or dropped a word"
        stems.extend(analysed)
    return stems


def partition_disagreements(words: list[str], left: list[str], right: list[str]) -> list[str]:
    """Groups one stemmer conflates that the other splits; equal partitions give no lines."""
    by_left: dict[str, set[str]] = defaultdict(set)
    by_right: dict[str, set[str]] = defaultdict(set)
    for word, left_stem, right_stem in zip(words, left, right, strict=True):
        by_left[left_stem].add(word)
        by_right[right_stem].add(word)
    problems = []
    for name, groups, other in (("project", by_left, right), ("tantivy", by_right, left)):
        other_of = dict(zip(words, other, strict=True))
        for key, group in sorted(groups.items()):
            split = {other_of[word] for word in group}
            if len(split) > 1:
                shown = ", ".join(f"{w}->{other_of[w]}" for w in sorted(group)[:8])
                problems.append(f"{name} conflates {sorted(group)[:8]} as {key!r}; other: {shown}")
    return problems


def assert_stemmers_agree(words: set[str]) -> None:
    ordered = sorted(words)
    problems = partition_disagreements(ordered, [stem(w) for w in ordered], tantivy_stems(ordered))
    assert not problems, f"{len(problems)} stem groups differ:\n" + "\n".join(problems[:50])


def test_partition_check_detects_a_split_and_a_merge() -> None:
    words = ["run", "running", "runner", "cat"]
    assert (
        partition_disagreements(words, ["run", "run", "runner", "cat"], ["a", "a", "b", "c"]) == []
    )
    split = partition_disagreements(words, ["run", "run", "runner", "cat"], ["a", "x", "b", "c"])
    assert split and "project conflates ['run', 'running']" in split[0]
    merged = partition_disagreements(words, ["run", "run", "runner", "cat"], ["a", "a", "a", "c"])
    assert merged and "tantivy conflates" in merged[0]


def test_tantivy_stemmer_is_snowball_english() -> None:
    words = ["implementation", "implementing", "implemented", "generously", "dying", "skies"]
    assert tantivy_stems(words) == [stem(word) for word in words]


def test_the_stemmer_in_use_is_snowballs_c_build() -> None:
    """PyStemmer: stemming query words is per query, and a Python stem costs about 17 us."""
    assert isinstance(analysis._STEMMER, Stemmer.Stemmer)


def test_the_c_stemmer_stems_every_sample_word_as_snowballstemmer_in_python_does() -> None:
    """Indexes built with either stem alike: the same stems, not only the same groups."""
    words = sorted(corpus_words(SAMPLE))
    python = EnglishStemmer()
    assert [stem(word) for word in words] == [python.stemWord(word) for word in words]


@settings(max_examples=500, deadline=None)
@given(st.from_regex(r"[a-zà-ÿ0-9']{1,16}", fullmatch=True))
def test_the_c_stemmer_stems_any_word_as_snowballstemmer_in_python_does(word: str) -> None:
    assert analysis._STEMMER.stemWord(word) == EnglishStemmer().stemWord(word)


def test_sample_corpus_words_stem_alike() -> None:
    words = corpus_words(SAMPLE)
    assert len(words) > 3_000
    assert_stemmers_agree(words)


@pytest.mark.shared
def test_shared_corpus_words_stem_alike(shared_corpus: Path) -> None:
    words = corpus_words(shared_corpus)
    assert len(words) > 20_000
    assert_stemmers_agree(words)
    python = EnglishStemmer()
    assert [w for w in sorted(words) if stem(w) != python.stemWord(w)] == []
