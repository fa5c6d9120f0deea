"""The URL is the state: parsing parameters, and every link the pages print, as tables."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from werkzeug.datastructures import MultiDict

from web import urls
from web.present import label_for_id, paragraph_label
from web.state import BadParameter, SearchState, parse_state

S74 = ("session", "74")
C3 = ("committee", "Third Committee")
BASE = SearchState(query="capacity-building", filters=(S74,), page=3)


def args(query: str) -> MultiDict:
    return MultiDict(parse_qsl(query, keep_blank_values=True))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", SearchState()),
        ("q=+water+", SearchState(query="water")),
        ("q=a&f=session:74&f=committee:Third Committee", SearchState(query="a", filters=(S74, C3))),
        ("f=session:74&f=session:74", SearchState(filters=(S74,))),
        ("f=sponsor: France ", SearchState(filters=(("sponsor", "France"),))),
        (
            "sort=newest&page=2&size=50&group=1",
            SearchState(sort="newest", page=2, size=50, group=True),
        ),
        ("group=0&more=sponsor", SearchState(more="sponsor")),
        ("page=50&size=100", SearchState(page=50, size=100)),
        ("page=&size=", SearchState()),
    ],
)
def test_parse_state(query: str, expected: SearchState) -> None:
    assert parse_state(args(query)) == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("q=" + "x" * 501, "limit is 500"),
        ("page=51", "between 1 and 50"),
        ("page=0", "between 1 and 50"),
        ("page=two", "whole number"),
        ("page=-1", "whole number"),
        ("size=101", "between 1 and 100"),
        ("sort=random", "sort must be one of"),
        ("group=yes", "group takes 1 or 0"),
        ("f=colour:red", "unknown facet field 'colour'"),
        ("f=session", "should look like field:value"),
        ("f=session:", "should look like field:value"),
        ("f=session:seventy", "session:seventy cannot be used: session needs a number"),
        ("f=session:99999999999999999999999", "cannot be used"),
        ("f=committee:Ninth", "unknown committee"),
        ("f=kind:nonsense", "unknown paragraph kind"),
        ("more=colour", "unknown facet field"),
        ("&".join(f"f=sponsor:{n}" for n in range(21)), "At most 20 filters"),
    ],
)
def test_parse_state_refuses(query: str, message: str) -> None:
    with pytest.raises(BadParameter, match=message):
        parse_state(args(query))


@pytest.mark.parametrize(
    "state",
    [
        SearchState(),
        BASE,
        SearchState(
            query='"rule of law" & co', filters=(C3, ("sponsor", "Côte d'Ivoire")), sort="oldest"
        ),
        SearchState(query="x", size=7, group=True, more="verb", page=4),
    ],
)
def test_state_round_trips_through_its_url(state: SearchState) -> None:
    url = urls.search_url(state)
    assert parse_state(args(urlsplit(url).query)) == state


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (urls.search_url(SearchState()), "/search"),
        (urls.search_url(BASE), "/search?q=capacity-building&f=session%3A74&page=3"),
        (urls.json_url(BASE), "/search.json?q=capacity-building&f=session%3A74&page=3"),
        (
            urls.toggle_filter_url(BASE, *C3),
            "/search?q=capacity-building&f=session%3A74&f=committee%3AThird+Committee",
        ),
        (urls.toggle_filter_url(BASE, *S74), "/search?q=capacity-building"),
        (urls.remove_filter_url(BASE, *S74), "/search?q=capacity-building"),
        (urls.remove_filter_url(BASE, *C3), "/search?q=capacity-building&f=session%3A74"),
        (urls.clear_filters_url(BASE), "/search?q=capacity-building"),
        (urls.narrowed_url(BASE, ("session", "75")), "/search?q=capacity-building&f=session%3A75"),
        (
            urls.narrowed_url(BASE, C3),
            "/search?q=capacity-building&f=session%3A74&f=committee%3AThird+Committee",
        ),
        (
            urls.narrowed_url(
                SearchState(query="peace"), ("body", "Security Council"), ("year", "1990")
            ),
            "/search?q=peace&f=body%3ASecurity+Council&f=year%3A1990",
        ),
        (urls.page_url(BASE, 4), "/search?q=capacity-building&f=session%3A74&page=4"),
        (urls.page_url(BASE, 1), "/search?q=capacity-building&f=session%3A74"),
        (urls.sort_url(BASE, "newest"), "/search?q=capacity-building&f=session%3A74&sort=newest"),
        (urls.sort_url(BASE, "relevance"), "/search?q=capacity-building&f=session%3A74"),
        (urls.group_url(BASE, True), "/search?q=capacity-building&f=session%3A74&group=1"),
        (
            urls.more_url(BASE, "sponsor"),
            "/search?q=capacity-building&f=session%3A74&more=sponsor&page=3",
        ),
        (
            urls.more_url(BASE.with_(more="sponsor"), None),
            "/search?q=capacity-building&f=session%3A74",
        ),
        (urls.query_url(BASE, "capacity"), "/search?q=capacity&f=session%3A74"),
        (
            urls.export_url(BASE.with_(group=True, sort="newest")),
            "/export.csv?q=capacity-building&f=session%3A74&sort=newest",
        ),
        (urls.feed_url(BASE.with_(sort="oldest")), "/feed.atom?q=capacity-building&f=session%3A74"),
    ],
)
def test_links(link: str, expected: str) -> None:
    assert link == expected


@pytest.mark.parametrize(
    ("state", "fields"),
    [
        (SearchState(query="x", page=3, more="sponsor"), []),
        (
            BASE.with_(sort="newest", size=50, group=True),
            [("f", "session:74"), ("sort", "newest"), ("size", "50"), ("group", "1")],
        ),
    ],
)
def test_hidden_fields_keep_everything_but_query_and_page(
    state: SearchState, fields: list[tuple[str, str]]
) -> None:
    assert urls.hidden_fields(state) == fields


@pytest.mark.parametrize(
    ("symbol", "query", "paragraph", "suffix", "expected"),
    [
        ("A/RES/80/1", "", None, "", "/doc/A/RES/80/1"),
        ("A/C.3/74/L.11/Rev.1", "", "op5a", "", "/doc/A/C.3/74/L.11/Rev.1#op5a"),
        ("A/RES/80/1", "capacity building", "pp3", "", "/doc/A/RES/80/1?q=capacity+building#pp3"),
        ("S/RES/242 (1967)", "", None, "", "/doc/S/RES/242%20%281967%29"),
        ("A/RES/80/1", "", None, ".json", "/doc/A/RES/80/1.json"),
        ("A/RES/80/1?x=<b>#", "", None, "", "/doc/A/RES/80/1%3Fx%3D%3Cb%3E%23"),
    ],
)
def test_doc_url(
    symbol: str, query: str, paragraph: str | None, suffix: str, expected: str
) -> None:
    assert urls.doc_url(symbol, query, paragraph, suffix) == expected


@pytest.mark.parametrize(
    ("current", "last", "expected"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 10, [1, 2, 3, None, 10]),
        (5, 10, [1, None, 3, 4, 5, 6, 7, None, 10]),
        (10, 10, [1, None, 8, 9, 10]),
        (4, 10, [1, 2, 3, 4, 5, 6, None, 10]),
    ],
)
def test_page_numbers(current: int, last: int, expected: list[int | None]) -> None:
    assert urls.page_numbers(current, last) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"capacity building"', "capacity building"),
        ('"rule of law" AND justice', "rule of law AND justice"),
        ("capacity-building", None),
        ('""', None),
        ('sponsor:"United States" "climate change"', 'sponsor:"United States" climate change'),
        ('sponsor:"Atlantis"', None),
    ],
)
def test_unquoted(query: str, expected: str | None) -> None:
    assert urls.unquoted(query) == expected


@pytest.mark.parametrize(
    ("query", "position", "expected"),
    [
        ("water AND", 6, "      ^"),
        ("(water", 0, "^"),
        ("water)", 99, "      ^"),
        ("water", None, None),
    ],
)
def test_caret(query: str, position: int | None, expected: str | None) -> None:
    assert urls.caret(query, position) == expected


@pytest.mark.parametrize(
    ("kind", "number", "label"),
    [
        ("operative", "5", "OP 5"),
        ("preambular", "3", "PP 3"),
        ("subparagraph", "5 (a)", "OP 5 (a)"),
        ("footnote", "1", "FN 1"),
        ("operative", None, "OP"),
    ],
)
def test_paragraph_label(kind: str, number: str | None, label: str) -> None:
    assert paragraph_label(kind, number) == label


@pytest.mark.parametrize(
    ("paragraph_id", "label"),
    [
        ("pp3", "PP 3"),
        ("op5", "OP 5"),
        ("op5a", "OP 5 (a)"),
        ("op1-ii", "OP 1 (ii)"),
        ("op5a-i", "OP 5 (a) (i)"),
        ("fn2", "FN 2"),
        ("opa", "opa"),
        ("", ""),
    ],
)
def test_label_for_id(paragraph_id: str, label: str) -> None:
    assert label_for_id(paragraph_id) == label
