"""Hand-made resolutions for the agreed-language tests: only the fields the algorithms read."""

from __future__ import annotations

from indexer.model import Paragraph, Resolution


def resolution(
    symbol: str,
    date: str,
    texts: dict[str, str],
    *,
    session: int | None = 80,
    title: str | None = "Oceans and the law of the sea",
    committee: str | None = "Plenary",
    doc_type: str = "resolution",
    agenda_items: tuple[str, ...] = ("75",),
    cites: tuple[str, ...] = (),
    body: str = "General Assembly",
) -> Resolution:
    """A Resolution whose paragraphs are the given id -> text pairs, in order."""
    paragraphs = [
        Paragraph(pid, "footnote" if pid.startswith("fn") else "operative", None, text)
        for pid, text in texts.items()
    ]
    return Resolution(
        symbol=symbol,
        body=body,
        doc_type=doc_type,
        session=session,
        committee=committee,
        agenda_items=list(agenda_items),
        date=date,
        title=title,
        cites=list(cites),
        paragraphs=paragraphs,
    )
