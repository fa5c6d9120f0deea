"""The public JSON of the phrase listings (`agreed phrases --json`, /phrases.json, /doc/<symbol>.json)."""

from __future__ import annotations

from search.phrases import DocumentPhrases, Filters, PhraseChange, PhraseUse, SessionPhrases


def use_json(use: PhraseUse) -> dict:
    """The public shape: phrase, count, documents, first_session, first_symbol, score (and more)."""
    return {
        "phrase": use.phrase,
        "count": use.count,
        "documents": use.documents,
        "first_session": use.first_session,
        "first_symbol": use.first_symbol,
        "score": use.score,
        "first_paragraph": use.first_paragraph,
        "query": quoted(use.words),
        "new_here": use.new_here,
        "absent_from": list(use.absent_from),
    }


def change_json(change: PhraseChange) -> dict:
    return {
        "phrase": change.phrase,
        "count": change.count,
        "previous_count": change.previous_count,
        "rate": change.rate,
        "previous_rate": change.previous_rate,
        "change": round(change.change, 2),
        "query": quoted(change.words),
    }


def session_json(result: SessionPhrases, filters: Filters = ()) -> dict:
    return {
        "session": result.session,
        "previous_session": result.previous_session,
        "filters": [f"{field}:{value}" for field, value in filters],
        "documents": result.documents,
        "paragraphs": result.paragraphs,
        "phrases": [use_json(use) for use in result.new],
        "rising": [change_json(change) for change in result.rising],
        "falling": [change_json(change) for change in result.falling],
    }


def document_json(result: DocumentPhrases) -> dict:
    return {
        "symbol": result.symbol,
        "against": result.group,
        "compared_with": result.compared_with,
        "phrases": [use_json(use) for use in result.phrases],
    }


def quoted(words: str) -> str:
    """The quoted-phrase query that finds exactly the paragraphs a phrase was counted in."""
    return f'"{words}"'
