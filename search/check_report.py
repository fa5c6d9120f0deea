"""What a precedent check reports, and its public JSON (`agreed check --json`, POST /check.json)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

from indexer.analysis import WORD_PATTERN

DRAWN_ON = 10  # resolutions listed in the summary


@dataclass(frozen=True)
class Source:
    """An indexed paragraph a draft paragraph resembles, with its shingle Jaccard similarity."""

    symbol: str
    paragraph_id: str
    similarity: float
    adopted: bool
    date: str


@dataclass(frozen=True)
class Span:
    """Characters [start, end) of the draft paragraph found verbatim in an adopted paragraph."""

    start: int
    end: int
    symbol: str
    paragraph_id: str


@dataclass
class CheckedParagraph:
    id: str
    kind: str
    number: str | None
    text: str
    status: str  # "agreed" | "amended" | "new"
    best: Source | None  # the adopted paragraph the status refers to
    diff_html: str | None  # amended: from best to this paragraph, as the compare page marks it
    agreed_spans: list[Span] = field(default_factory=list)
    adopted: list[Source] = field(default_factory=list)  # the closest adopted paragraphs
    drafts: list[Source] = field(default_factory=list)  # second tier: the closest draft paragraphs
    words: int = 0
    agreed_words: int = 0


@dataclass
class Summary:
    paragraphs: int
    statuses: dict[str, int]
    words: int
    agreed_words: int
    agreed_share: float  # share of the draft's words that are agreed language
    drawn_on: list[dict]  # [{symbol, paragraphs, words}]: the resolutions drawn on most


@dataclass
class CheckReport:
    symbol: str | None
    title: str | None
    paragraphs: list[CheckedParagraph]
    summary: Summary


def summary(checked: list[CheckedParagraph]) -> Summary:
    """Share of words in agreed language, paragraphs per status, the resolutions drawn on most."""
    statuses = Counter({"agreed": 0, "amended": 0, "new": 0})
    statuses.update(p.status for p in checked)
    words = sum(p.words for p in checked)
    agreed_words = sum(p.agreed_words for p in checked)
    paragraphs: Counter[str] = Counter(p.best.symbol for p in checked if p.best)
    span_words: Counter[str] = Counter()
    for p in checked:
        for span in p.agreed_spans:
            span_words[span.symbol] += len(WORD_PATTERN.findall(p.text[span.start : span.end]))
    drawn = sorted(
        set(paragraphs) | set(span_words), key=lambda s: (-paragraphs[s], -span_words[s], s)
    )[:DRAWN_ON]
    return Summary(
        len(checked),
        dict(statuses),
        words,
        agreed_words,
        round(agreed_words / words, 3) if words else 0.0,
        [{"symbol": s, "paragraphs": paragraphs[s], "words": span_words[s]} for s in drawn],
    )


def report_json(report: CheckReport) -> dict:
    """The public JSON of a check (CLI and /check.json): keys as issue 15 names them, plus tiers."""
    return {
        "symbol": report.symbol,
        "title": report.title,
        "paragraphs": [
            {
                "id": p.id,
                "kind": p.kind,
                "number": p.number,
                "text": p.text,
                "status": p.status,
                "best": asdict(p.best) if p.best else None,
                "diff_html": p.diff_html,
                "agreed_spans": [asdict(span) for span in p.agreed_spans],
                "adopted": [asdict(source) for source in p.adopted],
                "drafts": [asdict(source) for source in p.drafts],
                "words": p.words,
                "agreed_words": p.agreed_words,
            }
            for p in report.paragraphs
        ],
        "summary": asdict(report.summary),
    }
