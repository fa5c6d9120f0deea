"""/check and /check.json: the report, the size cap, and the draft's confidentiality (no disk, no log)."""

from __future__ import annotations

import io
import json
import logging
import os
import tempfile
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import docx
import pytest
from flask.testing import FlaskClient

from indexer.build import build_index
from search.check_cli import run_check
from search.check_report import Span, report_json
from search.store.layout import current_build
from search.store.precedent_tables import FILENAME as PRECEDENT_FILE
from tests.conftest import SAMPLE
from tests.web_support import free_port, running_server
from web import create_app
from web.check_present import marked_text

L18_PDF = SAMPLE / "unga-80" / "A_C.1_80_L.18.pdf"
WERKZEUG_SPOOL = 500 * 1024  # above this, werkzeug's default parser writes an upload to a temp file


@pytest.fixture(scope="module")
def index79(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("index79-web")
    build_index(SAMPLE / "unga-79", index_dir)
    return index_dir


@pytest.fixture(scope="module")
def client(index79: Path) -> FlaskClient:
    return create_app({"INDEX": str(index79), "TESTING": True}).test_client()


def _upload(data: bytes, name: str) -> dict:
    return {"file": (io.BytesIO(data), name)}


def test_form_posts_and_says_what_happens_to_the_text(client: FlaskClient) -> None:
    html = client.get("/check").get_data(as_text=True)
    assert 'method="post" action="/check" enctype="multipart/form-data"' in html
    assert "not stored, logged or put in any address" in html


def test_report_page_links_sources_and_shows_differences(client: FlaskClient) -> None:
    response = client.post("/check", data=_upload(L18_PDF.read_bytes(), "L18.pdf"))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    assert 'href="/doc/A/RES/79/38#op4"' in html
    assert "<del>94</del> <ins>95</ins>" in html
    assert '<span class="badge agreed">agreed language</span>' in html
    assert "<mark>States had signed the Treaty and</mark>" in html
    assert "6 agreed, 10 amended, 0 new" in html


def test_json_twin_is_the_cli_report(client: FlaskClient, index79: Path) -> None:
    data = L18_PDF.read_bytes()
    posted = client.post("/check.json", data=_upload(data, "L18.pdf")).get_json()
    assert posted == report_json(run_check(data, "L18.pdf", index79))
    raw = client.post("/check.json", data=data, content_type="application/pdf").get_json()
    assert raw == posted


def test_pasted_text_is_checked(client: FlaskClient) -> None:
    text = (
        "Recalling its resolution 79/38 of 2 December 2024,\n\n"
        "1. Encourages all States that have not yet done so to sign, ratify, accept, approve or"
        " accede to the Treaty at the earliest possible date;"
    )
    data = client.post("/check.json", data={"text": text}).get_json()
    assert [p["id"] for p in data["paragraphs"]] == ["pp1", "op1"]


def test_escaping_of_the_drafts_text(client: FlaskClient) -> None:
    text = "Recalling <script>alert(1)</script> its resolution 79/38 of 2 December 2024 & more,"
    html = client.post("/check", data={"text": text}).get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([], "a &lt;b&gt; c"),
        ([Span(0, 1, "S", "op1")], "<mark>a</mark> &lt;b&gt; c"),
        ([Span(0, 3, "S", "op1"), Span(2, 7, "T", "op2")], "<mark>a &lt;b&gt; c</mark>"),
        (
            [Span(0, 1, "S", "op1"), Span(6, 7, "T", "op2")],
            "<mark>a</mark> &lt;b&gt; <mark>c</mark>",
        ),
    ],
)
def test_marked_text_merges_overlapping_spans(spans: list[Span], expected: str) -> None:
    assert marked_text("a <b> c", spans) == expected


def test_errors_are_readable(client: FlaskClient) -> None:
    empty = client.post("/check.json", data={"text": "  "})
    assert empty.status_code == 400 and "paste the text" in empty.get_json()["message"]
    broken = client.post("/check.json", data=_upload(b"\x00\x01" * 500, "x.pdf"))
    assert broken.status_code == 400 and "could not be read" in broken.get_json()["message"]
    assert client.get("/check.json").status_code == 405


def test_size_cap_answers_413_with_a_clear_page(index79: Path) -> None:
    app = create_app({"INDEX": str(index79), "TESTING": True, "CHECK_MAX_BYTES": 50_000})
    client = app.test_client()
    too_big = client.post("/check", data=_upload(b"%PDF-1.7\n" + b"0" * 60_000, "big.pdf"))
    assert too_big.status_code == 413
    assert "larger than 0.05 MB" in too_big.get_data(as_text=True)
    pasted = client.post("/check.json", data={"text": "Recalling " * 6_000})
    assert pasted.status_code == 413 and "larger than" in pasted.get_json()["message"]
    raw = client.post("/check.json", data=b"x" * 60_000, content_type="text/plain")
    assert raw.status_code == 413


def test_nothing_is_written_to_disk(
    client: FlaskClient, index79: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upload larger than werkzeug's spooling threshold stays in memory; no file appears anywhere."""
    empty = tmp_path / "tmp"
    empty.mkdir()
    monkeypatch.setenv("TMPDIR", str(empty))
    monkeypatch.setattr(tempfile, "tempdir", None)

    def refuse(*_args, **_kwargs):
        raise AssertionError("a temporary file was opened during a check")

    for name in ("TemporaryFile", "NamedTemporaryFile", "SpooledTemporaryFile", "mkstemp"):
        monkeypatch.setattr(tempfile, name, refuse)
    padded = L18_PDF.read_bytes() + b"\n%" + b"x" * (WERKZEUG_SPOOL + 100_000)
    before = _snapshot(index79)
    response = client.post("/check.json", data=_upload(padded, "L18.pdf"))
    assert response.status_code == 200
    assert response.get_json()["summary"]["statuses"]["agreed"] == 6
    assert list(empty.iterdir()) == []
    assert _snapshot(index79) == before


def _snapshot(folder: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in folder.rglob("*")}


def test_served_check_leaves_no_trace_in_logs_or_temp_files(index79: Path, tmp_path: Path) -> None:
    """The real server (gunicorn, access log on): the draft's words appear in no log line."""
    marker = f"Zq{uuid.uuid4().hex[:12]}ian"
    draft = _docx_with(marker)
    empty, log_path = tmp_path / "tmp", tmp_path / "server.log"
    empty.mkdir()
    port = free_port()
    env = {**os.environ, "TMPDIR": str(empty), "AGREED_PORT": str(port)}
    arguments = ["--index", str(index79), "--workers", "1"]
    with open(log_path, "wb") as log, running_server(arguments, env, port, log) as base:
        ok = _post(f"{base}/check.json", *_multipart("file", draft, "draft.docx"))
        assert ok == 200
        pasted = f"Recalling {marker} its resolution 79/38,\n\n1. Decides {marker} to stay seized;"
        assert _post(f"{base}/check", *_multipart("text", pasted.encode(), None)) == 200
        assert _post(f"{base}/check.json", f"{marker} x".encode(), "text/plain") == 400
        big = (marker + " ") * 200_000
        assert _post(f"{base}/check", *_multipart("text", big.encode(), None)) == 413
    logged = log_path.read_text(errors="replace")
    assert "POST /check" in logged  # the access log was captured
    assert marker not in logged
    assert list(empty.iterdir()) == []


def test_an_oversized_upload_is_told_so_not_reset(index79: Path) -> None:
    """A 12 MB upload is read to its end and answered 413 with the message, not a broken pipe."""
    port = free_port()
    env = {**os.environ, "AGREED_PORT": str(port)}
    with running_server(["--index", str(index79), "--workers", "1"], env, port) as base:
        body, content_type = _multipart("file", b"x" * 12_000_000, "huge.pdf")
        request = urllib.request.Request(
            f"{base}/check.json", data=body, headers={"Content-Type": content_type}
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=60)
        assert refused.value.code == 413
        assert "larger than 2 MB" in json.loads(refused.value.read())["message"]


def _docx_with(marker: str) -> bytes:
    document = docx.Document()
    document.add_paragraph("The General Assembly,")
    document.add_paragraph(f"Recalling its resolution 79/38 on the {marker} Treaty,")
    document.add_paragraph(f"Welcomes the {marker} process and its outcome;", style="List Number")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _multipart(field: str, data: bytes, filename: str | None) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    disposition = f'form-data; name="{field}"' + (f'; filename="{filename}"' if filename else "")
    body = (
        f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n".encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def _post(url: str, body: bytes, content_type: str) -> int:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_check_logs_nothing_of_the_text_when_it_fails(
    client: FlaskClient, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = "Qx" + uuid.uuid4().hex[:10]

    def explode(draft, _precedents):
        raise ValueError(f"cannot handle {draft.paragraphs[0].text}")

    monkeypatch.setattr("web.check_views.check_draft", explode)
    with caplog.at_level(logging.DEBUG):
        response = client.post(
            "/check.json", data={"text": f"Recalling the {marker} Treaty of the United Nations,"}
        )
    assert response.status_code == 500
    assert "check failed: ValueError" in caplog.text
    assert marker not in caplog.text


def test_an_index_without_precedent_tables_answers_503(tmp_path: Path) -> None:
    """A build made before the precedent tables existed: a clear 503 saying to rebuild."""
    build_index(SAMPLE / "unga-79" / "A_RES_79_38.pdf", tmp_path / "index")
    build = current_build(tmp_path / "index")
    assert build is not None
    (build / PRECEDENT_FILE).unlink()
    client = create_app({"INDEX": str(tmp_path / "index"), "TESTING": True}).test_client()
    response = client.post("/check.json", data=_upload(L18_PDF.read_bytes(), "L18.pdf"))
    assert response.status_code == 503
    assert "rebuild the index" in response.get_json()["message"]


def test_a_draft_with_too_many_paragraphs_answers_413(client: FlaskClient) -> None:
    text = "\n\n".join(f"Recalling its resolution 79/{n} of 2 December 2024," for n in range(700))
    response = client.post("/check.json", data={"text": text})
    assert response.status_code == 413
    assert "a check takes at most 600" in response.get_json()["message"]
