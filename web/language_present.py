"""Views of the agreed-language tools: links, chart geometry and JSON shapes, built in Python for the templates."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

from search.compare import Pair
from search.concordance import ConcordanceRow
from search.language import Lineage
from search.timeline import SessionUse, Timeline
from web import urls
from web.chart import ordinal
from web.state import SearchState
from web.urls import narrowed_url

CHART_WIDTH = 640
CHART_HEIGHT = 180
_LEFT, _TOP, _BOTTOM = 48, 10, 24
STATUS_LABELS = {"same": "same", "changed": "changed", "added": "added", "removed": "removed"}


@dataclass(frozen=True)
class RateBar:
    """One session's bar: matching paragraphs per 1,000 paragraphs of that session."""

    session: int
    x: float
    y: float
    width: float
    height: float
    label: str
    label_x: float
    title: str
    href: str | None  # None: a session the index does not hold
    indexed: bool = True


@dataclass(frozen=True)
class RateChart:
    width: int
    height: int
    left: int
    baseline: float
    top_label_y: int
    bottom_label_y: float
    max_label: str
    bars: tuple[RateBar, ...]


def rate_chart(sessions: list[SessionUse], state: SearchState) -> RateChart | None:
    """Bars of the normalised rate, so sessions of different sizes compare fairly; a session between
    the first and last indexed ones that the index does not hold is drawn as "not indexed"."""
    held = {s.session: s for s in sessions if s.paragraphs}
    top = max((s.per_thousand for s in held.values()), default=0.0)
    if not held or top <= 0:
        return None
    shown = [held.get(n) or n for n in range(min(held), max(held) + 1)]
    plot_width, plot_height = CHART_WIDTH - _LEFT, CHART_HEIGHT - _TOP - _BOTTOM
    slot = plot_width / len(shown)
    bars = []
    for index, use in enumerate(shown):
        x = _LEFT + index * slot + slot * 0.15
        if isinstance(use, int):
            bars.append(_not_indexed(use, x, slot, plot_height))
            continue
        height = plot_height * use.per_thousand / top
        bars.append(
            RateBar(
                session=use.session,
                x=round(x, 2),
                y=round(_TOP + plot_height - height, 2),
                width=round(slot * 0.7, 2),
                height=round(height, 2),
                label=str(use.session),
                label_x=round(x + slot * 0.35, 2),
                title=f"{ordinal(use.session)} session: {use.matches} of {use.paragraphs} "
                f"paragraphs ({use.per_thousand} per 1,000)",
                href=session_search_url(state, use.session),
            )
        )
    return RateChart(
        CHART_WIDTH,
        CHART_HEIGHT,
        _LEFT,
        _TOP + plot_height,
        _TOP + 6,
        _TOP + plot_height + 16,
        f"{top:g}",
        tuple(bars),
    )


def _not_indexed(session: int, x: float, slot: float, plot_height: float) -> RateBar:
    return RateBar(
        session=session,
        x=round(x, 2),
        y=_TOP,
        width=round(slot * 0.7, 2),
        height=round(plot_height, 2),
        label=str(session),
        label_x=round(x + slot * 0.35, 2),
        title=f"{ordinal(session)} session: not indexed",
        href=None,
        indexed=False,
    )


def session_search_url(state: SearchState, session: int) -> str:
    return narrowed_url(state, ("session", str(session)))


def year_search_url(state: SearchState, year: int) -> str:
    """A year of the Security Council axis: its texts of that year matching the query."""
    return narrowed_url(state, ("body", "Security Council"), ("year", str(year)))


def committee_search_url(state: SearchState, committee: str) -> str:
    return narrowed_url(state, ("committee", committee))


def page_url(path: str, **params: object) -> str:
    """A tool page's URL with its non-empty parameters, in a fixed order."""
    pairs = [(key, str(value)) for key, value in params.items() if value not in (None, "")]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def timeline_json(result: Timeline) -> dict:
    return {
        "query": result.query,
        "total": result.total,
        "without_session": result.without_session,
        "sessions": [
            {
                "session": s.session,
                "matches": s.matches,
                "paragraphs": s.paragraphs,
                "per_thousand": s.per_thousand,
            }
            for s in result.sessions
        ],
        "years": [
            {
                "year": y.year,
                "matches": y.matches,
                "paragraphs": y.paragraphs,
                "per_thousand": y.per_thousand,
            }
            for y in result.years
        ],
        "committees": [{"committee": c, "matches": n} for c, n in result.committees],
        "first": asdict(result.first) if result.first else None,
        "last": asdict(result.last) if result.last else None,
    }


def use_link(symbol: str, paragraph_id: str, query: str) -> str:
    return urls.doc_url(symbol, query, paragraph_id)


@dataclass(frozen=True)
class PairView:
    """One comparison row with its paragraph links."""

    a: str | None
    b: str | None
    status: str
    diff_html: str
    a_href: str | None
    b_href: str | None
    moved: bool = False


def pair_views(pairs: list[Pair], symbol_a: str, symbol_b: str) -> list[PairView]:
    return [
        PairView(
            p.a,
            p.b,
            p.status,
            p.diff_html,
            urls.doc_url(symbol_a, paragraph_id=p.a) if p.a else None,
            urls.doc_url(symbol_b, paragraph_id=p.b) if p.b else None,
            p.moved,
        )
        for p in pairs
    ]


def suggestions(lineage: Lineage) -> list[tuple[str, str, str]]:
    """(label, other symbol, compare URL) for the documents this one is related to."""
    related = [
        ("the draft it was adopted from", lineage.draft_of, True),
        ("the resolution adopted from it", lineage.adopted_as, False),
        ("the previous session's resolution", lineage.previous_session, True),
        ("the next session's resolution", lineage.next_session, False),
        *(("a revision or original", r, True) for r in lineage.revisions),
    ]
    result = []
    for label, other, other_first in related:
        if other:
            a, b = (other, lineage.symbol) if other_first else (lineage.symbol, other)
            result.append((label, other, page_url("/compare", a=a, b=b)))
    return result


CSV_COLUMNS = ("left", "match", "right", "symbol", "paragraph_id", "session")


def concordance_csv(rows: list[ConcordanceRow]) -> str:
    """Spreadsheet-safe: cells starting with = + - @ are prefixed so no formula runs."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_cell(getattr(row, column)) for column in CSV_COLUMNS])
    return out.getvalue()


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
