"""Hits-per-session bar chart geometry, computed in Python so the template only draws (no script)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

WIDTH = 640
HEIGHT = 180
MARGIN_LEFT = 40
MARGIN_BOTTOM = 24
MARGIN_TOP = 10
MAX_BARS = 120  # sessions shown; beyond that the oldest are dropped to keep bars readable
MAX_LABELS = 12  # session numbers printed under the axis


@dataclass(frozen=True)
class Bar:
    session: int
    count: int
    x: float
    y: float
    width: float
    height: float
    label: str | None  # axis label under the bar, only on every few bars
    label_x: float  # centre of the bar, where its label is printed
    title: str  # tooltip and accessible name
    href: str | None  # None for a session the index does not hold
    selected: bool
    indexed: bool = True  # False: drawn as "not indexed", never as a zero


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: float  # y of the x axis
    left: int  # x of the y axis
    scale_x: int  # where the y-axis figures (0 and the maximum) are right-aligned
    top_label_y: int
    bottom_label_y: float  # session numbers under the axis
    max_count: int
    bars: tuple[Bar, ...]
    rows: tuple[tuple[int, int, str, bool], ...]  # the text table: session, count, href, selected
    not_indexed: str = ""  # "75 to 78": sessions in the drawn range the index does not hold


def session_counts(values: Iterable[tuple[str, int]]) -> dict[int, int]:
    """Facet values are strings; keep the numeric sessions (Security Council documents have none)."""
    return {
        int(value): count
        for value, count in values
        if str(value).isascii() and str(value).isdigit()
    }


def ordinal(number: int) -> str:
    """74 -> '74th', 71 -> '71st', 112 -> '112th'."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def build_chart(
    counts: dict[int, int],
    selected: set[int],
    link: Callable[[int], str],
    indexed: set[int] | None = None,
) -> Chart | None:
    """One bar per session from the first to the last with hits; a session the index does not
    hold (when `indexed` is known) is marked "not indexed", a session it holds without hits is a zero."""
    nonzero = {session: count for session, count in counts.items() if count > 0}
    if not nonzero:
        return None
    last = max(nonzero)
    first = max(min(nonzero), last - MAX_BARS + 1)
    sessions = list(range(first, last + 1))
    max_count = max(nonzero.values())
    plot_width = WIDTH - MARGIN_LEFT
    plot_height = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    slot = plot_width / len(sessions)
    label_every = max(1, -(-len(sessions) // MAX_LABELS))
    links = {session: link(session) for session in sessions}
    bars = []
    for index, session in enumerate(sessions):
        count = nonzero.get(session, 0)
        held = indexed is None or session in indexed or count > 0
        height = plot_height * count / max_count if held else plot_height
        x = MARGIN_LEFT + index * slot + slot * 0.1
        bars.append(
            Bar(
                session=session,
                count=count,
                x=round(x, 2),
                y=round(MARGIN_TOP + plot_height - height, 2),
                width=round(slot * 0.8, 2),
                height=round(height, 2),
                label=str(session) if (last - session) % label_every == 0 else None,
                label_x=round(x + slot * 0.4, 2),
                title=f"{ordinal(session)} session: {count} paragraph{'s' if count != 1 else ''}"
                if held
                else f"{ordinal(session)} session: not indexed",
                href=links[session] if held else None,
                selected=session in selected,
                indexed=held,
            )
        )
    rows = tuple(
        (session, nonzero[session], links[session], session in selected)
        for session in sessions
        if session in nonzero
    )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        baseline=MARGIN_TOP + plot_height,
        left=MARGIN_LEFT,
        scale_x=MARGIN_LEFT - 6,
        top_label_y=MARGIN_TOP + 6,
        bottom_label_y=MARGIN_TOP + plot_height + 16,
        max_count=max_count,
        bars=tuple(bars),
        rows=rows,
        not_indexed=spans([bar.session for bar in bars if not bar.indexed]),
    )


def spans(sessions: list[int]) -> str:
    """[75, 76, 77, 79] -> '75 to 77, 79'."""
    groups: list[list[int]] = []
    for session in sorted(sessions):
        if groups and session == groups[-1][1] + 1:
            groups[-1][1] = session
        else:
            groups.append([session, session])
    return ", ".join(f"{a} to {b}" if a != b else str(a) for a, b in groups)
