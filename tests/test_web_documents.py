"""Document pages, machine interfaces, security headers, escaping and the index lifecycle."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from flask.testing import FlaskClient

from indexer.build import build_index
from web import create_app
from web.errors import CONTENT_SECURITY_POLICY
from web.resources import close_searcher

ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.mark.parametrize(
    ("path", "anchors"),
    [
        ("/doc/A/C.3/74/L.11/Rev.1", ["pp1", "pp17", "op1", "fn1"]),
        ("/doc/A/80/L.2", ["pp1", "op1", "op1a", "op1c", "fn1"]),
        ("/doc/S/RES/242%20(1967)", ["pp1", "op1", "op1-i", "op2a"]),
        ("/doc/000_812fe54646a34c6a", ["pp1", "op12"]),
    ],
)
def test_document_pages_anchor_every_paragraph(
    client: FlaskClient, path: str, anchors: list[str]
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    for anchor in anchors:
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html
    assert "<mark>" not in html
    twin = client.get(path + ".json").get_json()
    assert client.get(path + "?format=json").get_json() == twin
    assert [p["id"] for p in twin["document"]["paragraphs"]][: len(anchors)] != []
    assert set(anchors) <= {p["id"] for p in twin["document"]["paragraphs"]}


def test_document_page_content(client: FlaskClient) -> None:
    html = client.get("/doc/A/C.3/74/L.11/Rev.1").get_data(as_text=True)
    assert "<h1" in html and "A/C.3/74/L.11/Rev.1</h1>" in html
    assert (
        "Countering the use of information and communications technologies for criminal purposes"
        in html
    )
    assert 'Third Committee <span class="source-kind">(from the document&#39;s text)</span>' in html
    assert "<td>003_19eadadd358f8db1.txt" in html  # the source file by name, never its server path
    assert "corpus/sample" not in html
    assert ">OP 1<" in html and ">PP 17<" in html and ">FN 1<" in html
    sidecar = client.get("/doc/000_812fe54646a34c6a").get_data(as_text=True)
    assert "(from a sidecar file)" in sidecar


def test_query_words_are_highlighted_on_arrival_from_a_search(client: FlaskClient) -> None:
    html = client.get("/doc/A/C.3/74/L.11/Rev.1?q=capacity-building").get_data(as_text=True)
    assert (
        "<mark>capacity</mark>-<mark>building</mark>" in html
        or "<mark>capacity-building</mark>" in html
    )
    assert 'href="/search?q=capacity-building"' in html  # back to the results
    broken = client.get("/doc/A/C.3/74/L.11/Rev.1?q=(water")
    assert broken.status_code == 200 and "could not be highlighted" in broken.get_data(as_text=True)


def test_citations_lineage_and_cited_by(client: FlaskClient) -> None:
    cited = client.get("/doc/S/RES/338%20(1973).json").get_json()
    assert {"cite": "S/RES/242", "url": "/doc/S/RES/242%20%281967%29"} in cited["cites"]
    html = client.get("/doc/S/RES/338%20(1973)").get_data(as_text=True)
    assert '<a href="/doc/S/RES/242%20%281967%29">S/RES/242</a>' in html
    citing = client.get("/doc/S/RES/242%20(1967).json").get_json()["relations"]["Cited by"]
    assert {"symbol": "S/RES/338 (1973)", "url": "/doc/S/RES/338%20%281973%29"} in citing
    draft = client.get("/doc/A/80/L.2").get_data(as_text=True)
    assert "Adopted as" in draft and '<a href="/doc/A/RES/80/1">A/RES/80/1</a>' in draft
    adopted = client.get("/doc/A/RES/80/1").get_data(as_text=True)
    assert "Adopted from draft" in adopted and '<a href="/doc/A/80/L.2">A/80/L.2</a>' in adopted


def test_provenance_badges(client: FlaskClient) -> None:
    payload = client.get("/doc/A/RES/80/1.json").get_json()["provenance"]
    statuses = {entry["status"] for entry in payload.values()}
    assert statuses <= {"new", "unchanged", "amended"} and statuses - {"new"}
    html = client.get("/doc/A/RES/80/1").get_data(as_text=True)
    assert re.search(r'class="badge (unchanged|amended)" href="/doc/A/80/L\.2#', html)
    assert re.search(r">(unchanged since|amended from) A/80/L\.2 (PP|OP) \d+<", html)


def test_an_amended_paragraph_shows_what_changed_inline(client: FlaskClient) -> None:
    page = client.get("/doc/A/RES/80/224").get_data(as_text=True)
    paragraph = page[page.index('<li id="pp3"') : page.index('<li id="pp4"')]
    assert "amended from A/C.3/80/L.31 PP 3" in paragraph
    assert '<details class="diff"><summary>What changed</summary>' in paragraph
    assert "<ins>full respect for</ins>" in paragraph


@pytest.mark.parametrize(
    "path",
    [
        "/doc/A/RES/99/999",
        "/doc/nothing.json",
        "/doc/../../etc/passwd",
        "/doc/%2e%2e/%2e%2e/etc/passwd",
        "/doc/..%2f..%2fetc%2fpasswd",
        "/doc//etc/passwd",
        "/doc/corpus/sample/seeds/003_19eadadd358f8db1.txt",
        "/doc/docs.sqlite",
        "/doc/%3Cscript%3E",
    ],
)
def test_unknown_symbols_and_traversal_404(client: FlaskClient, path: str) -> None:
    response = client.get(path, follow_redirects=True)  # "//" is first merged by a redirect
    assert response.status_code == 404
    assert "root:" not in response.get_data(as_text=True) and "<script>" not in response.get_data(
        as_text=True
    )


def test_csv_export_streams_every_match(client: FlaskClient) -> None:
    response = client.get("/export.csv?q=decides&sort=oldest")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.is_streamed
    rows = list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert len(rows) == 49  # all of them, not one page of 20
    assert all("decide" in row["text"].lower() for row in rows)
    base = client.application.config["BASE_URL"]  # configured, never the Host header (issue 11)
    assert rows[0]["url"].startswith(f"{base}/doc/") and rows[0]["label"].startswith(("OP", "PP"))
    dates = [row["date"] for row in rows if row["date"]]
    assert dates == sorted(dates)
    filtered = (
        client.get("/export.csv?q=capacity-building&f=session:74").get_data().decode("utf-8-sig")
    )
    assert len(list(csv.DictReader(io.StringIO(filtered)))) == 7


def test_atom_feed(client: FlaskClient) -> None:
    response = client.get("/feed.atom?q=capacity-building")
    assert response.status_code == 200 and response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)
    entries = root.findall("a:entry", ATOM)
    assert len(entries) == 12
    updated = [entry.findtext("a:updated", namespaces=ATOM) or "" for entry in entries]
    assert all(updated)
    assert updated == sorted(updated, reverse=True)
    assert (
        root.findtext("a:title", namespaces=ATOM)
        == 'agreed: paragraphs matching "capacity-building"'
    )
    link = entries[0].find("a:link", ATOM)
    base = client.application.config["BASE_URL"]
    assert link is not None and link.get("href", "").startswith(f"{base}/doc/")
    assert "<mark>" in (entries[0].findtext("a:content", namespaces=ATOM) or "")
    assert len(ET.fromstring(client.get("/feed.atom").data).findall("a:entry", ATOM)) == 50


def test_openapi_describes_routes_that_answer(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    assert spec["openapi"].startswith("3.1")
    assert {"/search.json", "/doc/{symbol}.json", "/export.csv", "/feed.atom", "/healthz"} <= set(
        spec["paths"]
    )
    needed = {"q": "women", "a": "A/RES/80/1", "b": "A/RES/80/1"}  # required parameters' values
    for path, operations in spec["paths"].items():
        if "get" not in operations:
            continue
        required = [p for p in operations["get"].get("parameters", []) if p.get("required")]
        params = {p["name"]: needed[p["name"]] for p in required if p["in"] == "query"}
        url = path.replace("{symbol}", "A/RES/80/1")
        assert client.get(url, query_string=params).status_code == 200, path
    assert set(spec["paths"]["/check.json"]) == {"post"}  # answered in tests/test_check_web.py
    names = {p["name"] for p in spec["paths"]["/search.json"]["get"]["parameters"]}
    assert names == {"q", "f", "sort", "page", "size", "group", "more", "fq"}


def test_healthz(client: FlaskClient) -> None:
    health = client.get("/healthz").get_json()
    assert health["status"] == "ok" and health["engine"] == "tantivy"
    assert health["documents"] == 36 and health["paragraphs"] == 789


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/search?q=water",
        "/search.json",
        "/doc/A/RES/80/1",
        "/help",
        "/healthz",
        "/nowhere",
        "/search?page=99",
        "/static/style.css",
    ],
)
def test_security_headers_everywhere(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert (
        "default-src 'self'" in CONTENT_SECURITY_POLICY
        and "unsafe-inline" not in CONTENT_SECURITY_POLICY
    )
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    ["/", "/search?q=capacity-building&group=1", "/doc/A/RES/80/1?q=peace", "/help", "/nowhere"],
)
def test_pages_need_no_inline_script_or_style(client: FlaskClient, path: str) -> None:
    html = client.get(path).get_data(as_text=True)
    assert "<script" not in html and "<style" not in html and " style=" not in html
    assert 'class="skip-link" href="#content"' in html and 'id="content"' in html
    assert "<header" in html and "<nav" in html and "<main" in html


def test_help_page_renders_the_query_language_document(client: FlaskClient) -> None:
    html = client.get("/help").get_data(as_text=True)
    assert html.count("<h1>") == 1 and "<table>" in html and "NEAR" in html and "<em>" in html
    twin = client.get("/help.json").get_json()
    assert twin["markdown"].startswith("#") and "NEAR" in twin["markdown"]


@pytest.fixture(scope="module")
def hostile_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of one Security Council text that carries markup and a script."""
    source = tmp_path_factory.mktemp("hostile-source")
    (source / "S_RES_9999_2030_EN.txt").write_text(
        "RESOLUTION 9999 (2030)\n\nAdopted by the Security Council at its 9999th meeting,\n"
        "on 8 January 2030\n\nThe Security Council,\n\n"
        'Having examined the <script>alert("pwned")</script> application of the Republic & <b>Bold</b>,\n\n'
        'Recommends that the "Republic" be admitted <img src=x onerror=alert(1)>.\n'
    )
    index_dir = tmp_path_factory.mktemp("hostile-index")
    build_index(source, index_dir)
    return index_dir


def test_markup_in_documents_is_shown_as_text(hostile_index: Path) -> None:
    app = create_app({"INDEX": str(hostile_index), "TESTING": True})
    client = app.test_client()
    for path in (
        "/search?q=pwned",
        "/search?q=Republic",
        "/doc/S/RES/9999%20(2030)",
        "/doc/S/RES/9999%20(2030)?q=pwned",
    ):
        html = client.get(path).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Bold" not in html, (
            path
        )
        assert "&lt;script&gt;" in html or "&lt;/script&gt;" in html, path
    assert "&lt;img src=x onerror=alert(1)&gt;" in client.get("/doc/S/RES/9999%20(2030)").get_data(
        as_text=True
    )
    feed = client.get("/feed.atom?q=pwned").data
    assert b"<script>" not in feed and ET.fromstring(feed) is not None
    close_searcher(app)


def test_missing_index_answers_503_then_recovers_when_built(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    app = create_app({"INDEX": str(index_dir), "TESTING": True})
    client = app.test_client()
    for path in ("/", "/search.json?q=water", "/doc/A/RES/80/1", "/export.csv", "/healthz"):
        response = client.get(path)
        assert response.status_code == 503, path
        assert "agreed index" in response.get_data(as_text=True)
    source = tmp_path / "source"
    source.mkdir()
    (source / "S_RES_0800_1993_EN_GOLD.txt").write_bytes(
        (Path(__file__).parent / "fixtures" / "S_RES_0800_1993_EN_GOLD.txt").read_bytes()
    )
    build_index(source, index_dir)
    assert client.get("/search.json?q=Slovak").get_json()["total"] >= 1
    close_searcher(app)


def test_a_swapped_index_is_picked_up_without_restart(tmp_path: Path) -> None:
    fixtures = Path(__file__).parent / "fixtures"
    source, index_dir = tmp_path / "source", tmp_path / "index"
    source.mkdir()
    (source / "S_RES_0800_1993_EN_GOLD.txt").write_bytes(
        (fixtures / "S_RES_0800_1993_EN_GOLD.txt").read_bytes()
    )
    build_index(source, index_dir)
    app = create_app({"INDEX": str(index_dir), "TESTING": True})
    client = app.test_client()
    assert client.get("/healthz").get_json()["documents"] == 1
    assert client.get("/doc/S/RES/242%20(1967)").status_code == 404
    (source / "S_RES_0242_1967_EN_GOLD.txt").write_bytes(
        (fixtures / "S_RES_0242_1967_EN_GOLD.txt").read_bytes()
    )
    build_index(source, index_dir)
    assert client.get("/healthz").get_json()["documents"] == 2
    assert client.get("/doc/S/RES/242%20(1967)").status_code == 200
    close_searcher(app)


def test_headings_show_as_headings_and_are_searchable_by_kind(client: FlaskClient) -> None:
    html = client.get("/doc/S/RES/687%20(1991)").get_data(as_text=True)  # parts A to I
    assert '<li id="h1" class="paragraph heading depth-0">' in html
    assert '<h3 class="text">A</h3>' in html
    payload = client.get("/search.json?q=kind:heading").get_json()
    assert payload["total"] >= 9 and {hit["kind"] for hit in payload["hits"]} == {"heading"}
