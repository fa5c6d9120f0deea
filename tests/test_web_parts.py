"""Pure parts of the web layer: the session chart, the help renderer and the Atom feed."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from search.api import Hit
from web import chart, feed, helpdoc
from web.api_views import spreadsheet_safe


def link(session: int) -> str:
    return f"/search?f=session%3A{session}"


@pytest.mark.parametrize(
    ("counts", "sessions", "heights"),
    [
        ({74: 10}, [74], [146.0]),
        ({74: 10, 76: 5}, [74, 75, 76], [146.0, 0.0, 73.0]),
        ({80: 4, 79: 2, 0: 0}, [79, 80], [73.0, 146.0]),
    ],
)
def test_chart_bars(counts: dict[int, int], sessions: list[int], heights: list[float]) -> None:
    drawn = chart.build_chart(counts, {74}, link)
    assert drawn is not None
    assert [bar.session for bar in drawn.bars] == sessions
    assert [bar.height for bar in drawn.bars] == heights
    assert all(bar.y + bar.height == drawn.baseline for bar in drawn.bars)
    assert all(bar.x < bar.label_x < bar.x + bar.width for bar in drawn.bars)
    assert all(bar.href == link(bar.session) for bar in drawn.bars)
    assert [bar.selected for bar in drawn.bars] == [s == 74 for s in sessions]
    # the text table lists only sessions with hits, for screen readers
    assert [row[:2] for row in drawn.rows] == sorted((s, c) for s, c in counts.items() if c)


def test_chart_bars_stay_inside_the_drawing_and_do_not_overlap() -> None:
    drawn = chart.build_chart({s: s % 7 + 1 for s in range(1, 81)}, set(), link)
    assert drawn is not None and len(drawn.bars) == 80
    for left, right in zip(drawn.bars, drawn.bars[1:], strict=False):
        assert left.x + left.width < right.x
    assert drawn.bars[0].x >= drawn.left and drawn.bars[-1].x + drawn.bars[-1].width <= drawn.width
    labelled = [bar.session for bar in drawn.bars if bar.label]
    assert 80 in labelled and len(labelled) <= chart.MAX_LABELS


def test_chart_caps_bars_and_skips_empty_results() -> None:
    assert chart.build_chart({}, set(), link) is None
    assert chart.build_chart({74: 0}, set(), link) is None
    wide = chart.build_chart({1: 1, 500: 1}, set(), link)
    assert wide is not None and len(wide.bars) == chart.MAX_BARS and wide.bars[-1].session == 500


@pytest.mark.parametrize(
    ("values", "expected"),
    [([("74", 3), ("80", 1)], {74: 3, 80: 1}), ([("", 2), ("n/a", 1), ("7", 1)], {7: 1})],
)
def test_session_counts(values: list[tuple[str, int]], expected: dict[int, int]) -> None:
    assert chart.session_counts(values) == expected


@pytest.mark.parametrize(
    ("number", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (74, "74th"), (71, "71st"), (112, "112th")],
)
def test_ordinal(number: int, text: str) -> None:
    assert chart.ordinal(number) == text


HELP = """# Query language

Words match by stem: `implement` finds **implementation**. See [the README](/help#x) *now*: develop* or b*.

| syntax | meaning |
|---|---|
| `a OR b` | either |
| `"a\\|b"` | pipe |

- first item
  continued
- second <script>

```
session:74 <b>
```
[bad](javascript:void)
"""


def test_help_blocks() -> None:
    blocks = helpdoc.render(HELP)
    assert [b.kind for b in blocks] == [
        "heading",
        "paragraph",
        "table",
        "list",
        "code",
        "paragraph",
    ]
    assert blocks[0].level == 1
    kinds = [s.kind for s in blocks[1].spans]
    assert kinds == ["text", "code", "text", "strong", "text", "link", "text", "em", "text"]
    assert blocks[1].spans[-1].text == ": develop* or b*."  # a lone trailing * is not emphasis
    assert blocks[1].spans[5] == helpdoc.Span("link", "the README", "/help#x")
    assert [[cell[0].text for cell in row] for row in blocks[2].rows] == [
        ["syntax", "meaning"],
        ["a OR b", "either"],
        ['"a|b"', "pipe"],
    ]
    assert [[s.text for s in item] for item in blocks[3].items] == [
        ["first item continued"],
        ["second <script>"],
    ]
    assert blocks[4].code == "session:74 <b>"
    # a javascript: link keeps its words but loses the link
    assert blocks[5].spans == [helpdoc.Span("text", "bad")]


def hit(**changes: object) -> Hit:
    fields = dict(
        symbol="A/RES/80/1",
        paragraph_id="op5",
        kind="operative",
        number="5",
        session=80,
        committee="Plenary",
        title="Title & <b>more</b>",
        date="2025-09-08",
        body="General Assembly",
        doc_type="resolution",
        verb="request",
        snippet_html="a &lt;script&gt; and <mark>water</mark>",
        score=1.0,
    )
    fields.update(changes)
    return Hit(**fields)  # type: ignore[arg-type]


def test_atom_feed_escapes_and_parses() -> None:
    entries = [
        (hit(), "http://x/doc/A/RES/80/1?q=water#op5"),
        (
            hit(
                paragraph_id="pp1",
                kind="preambular",
                number="1",
                date="2024-01-02",
                snippet_html="bell\x07",
            ),
            "http://x/p",
        ),
    ]
    body = feed.build_feed(
        'Search "water" & <co>', "http://x/feed.atom?q=water", "http://x/search?q=water", entries
    )
    root = ET.fromstring(body)
    ns = {"a": feed.ATOM}
    assert root.findtext("a:title", namespaces=ns) == 'Search "water" & <co>'
    assert root.findtext("a:updated", namespaces=ns) == "2025-09-08T00:00:00Z"
    found = root.findall("a:entry", ns)
    assert [e.findtext("a:title", namespaces=ns) for e in found] == [
        "A/RES/80/1 OP 5 – Title & <b>more</b>",
        "A/RES/80/1 PP 1 – Title & <b>more</b>",
    ]
    content = found[0].find("a:content", ns)
    assert content is not None and content.get("type") == "html"
    assert content.text == "a &lt;script&gt; and <mark>water</mark>"
    assert found[1].findtext("a:content", namespaces=ns) == "bell"
    assert b"<script>" not in body


@pytest.mark.parametrize(
    ("date", "stamp"),
    [
        ("2019-12-18", "2019-12-18T00:00:00Z"),
        (None, "1970-01-01T00:00:00Z"),
        ("1967", "1970-01-01T00:00:00Z"),
    ],
)
def test_atom_date(date: str | None, stamp: str) -> None:
    assert feed.atom_date(date) == stamp


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-", "'-"),
        ("@SUM", "'@SUM"),
        ("Recalling =", "Recalling ="),
        (74, 74),
        (None, None),
        ("", ""),
    ],
)
def test_csv_cells_are_never_formulas(value: object, cell: object) -> None:
    assert spreadsheet_safe(value) == cell
