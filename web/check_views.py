"""/check: a draft posted (uploaded or pasted) and its precedent report, with a JSON twin.

Drafts under negotiation are confidential. The request body is read into memory only (the form
parser's spooled temporary files are replaced by BytesIO, under a size cap), the text is never
logged (errors log their type, not their message) nor put in a URL, and the response is marked
no-store. Nothing outlives the response. The request changes nothing on the server, so it needs
no CSRF token: a forged cross-site post changes nothing, and its report goes only to the
visitor's own browser.
"""

from __future__ import annotations

from io import BytesIO
from typing import IO, Any

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser

from corpus.model import UnreadableSource
from indexer.draft import read_draft
from search.api import IndexUnavailable
from search.check import TooLong
from search.check import check as check_draft
from search.check_report import report_json
from search.precedent import Precedents
from web import check_present as present
from web.errors import error_response, wants_json
from web.resources import get_searcher
from web.state import BadParameter

bp = Blueprint("check", __name__)
MAX_DRAFT_BYTES = 2_000_000  # a 60-paragraph draft is 30 kB of text, 300 kB as a PDF
_FORM_OVERHEAD = 10_000  # multipart boundaries and headers
DRAIN_BYTES = 20_000_000  # oversized uploads up to this are read (and dropped) before the 413
_FORM_FIELDS = ("multipart/form-data", "application/x-www-form-urlencoded")


def _limit() -> int:
    return int(current_app.config.get("CHECK_MAX_BYTES", MAX_DRAFT_BYTES))


def _too_large() -> RequestEntityTooLarge:
    megabytes = _limit() / 1_000_000
    return RequestEntityTooLarge(
        f"The draft is larger than {megabytes:g} MB, the most a check accepts. A draft resolution"
        " is far smaller: send its Word file, its PDF or its text alone."
    )


def _in_memory(*_args: Any, **_kwargs: Any) -> IO[bytes]:
    """Where the form parser puts an uploaded file: memory, never a temporary file on disk."""
    return BytesIO()


def _drain(length: int) -> None:
    """Read and drop an oversized body (up to DRAIN_BYTES) before answering 413.

    Answered unread, the closing socket resets a client still sending, which then sees a broken pipe
    instead of the message; past DRAIN_BYTES the upload is not worth reading.
    """
    if length > DRAIN_BYTES:
        return
    while request.stream.read(65_536):
        pass


def _posted_draft() -> tuple[bytes | str, str]:
    """The uploaded file, else the pasted text, else a raw body (for scripts posting to /check.json)."""
    limit = _limit()
    if request.content_length is not None and request.content_length > limit + _FORM_OVERHEAD:
        _drain(request.content_length)
        raise _too_large()
    try:
        if request.mimetype in _FORM_FIELDS:
            parser = FormDataParser(
                stream_factory=_in_memory,
                max_form_memory_size=limit,
                max_content_length=limit + _FORM_OVERHEAD,
                max_form_parts=10,
            )
            _, form, files = parser.parse(
                request.stream, request.mimetype, request.content_length, request.mimetype_params
            )
            upload = files.get("file")
            if upload is not None and upload.filename:
                data = upload.stream.read(limit + 1)
                if len(data) > limit:
                    raise _too_large()
                return data, upload.filename
            text = form.get("text", "")
            if text.strip():
                return text, "pasted text"
            raise BadParameter("Choose a draft file or paste the text of a draft.")
        data = request.stream.read(limit + 1)
    except RequestEntityTooLarge:
        raise _too_large() from None
    if len(data) > limit:
        raise _too_large()
    if not data.strip():
        raise BadParameter("The request has no draft: post a file, or a form with file or text.")
    return data, "draft"


@bp.get("/check")
def form() -> str:
    return render_template("check.html", report=None, limit=_limit())


@bp.post("/check")
@bp.post("/check.json")
def report() -> Response:
    """The report for the posted draft; the draft itself is dropped with the request."""
    data, name = _posted_draft()
    searcher = get_searcher()
    try:
        precedents = Precedents(searcher.build_dir)
        try:
            result = check_draft(read_draft(data, name), precedents)
        finally:
            precedents.close()
        if wants_json():
            response = jsonify(report_json(result))
        else:
            page = render_template(
                "check.html",
                report=result,
                paragraphs=present.paragraph_views(result.paragraphs),
                drawn_on=[
                    (present.source_view(d["symbol"], "").href, d) for d in result.summary.drawn_on
                ],
                limit=_limit(),
            )
            response = Response(page, mimetype="text/html")
    except IndexUnavailable:
        raise  # answered 503 by the app's handler: its message names the index, not the draft
    except TooLong as error:
        return _private(*error_response(413, "Draft too long", f"It cannot be checked: {error}."))
    except UnreadableSource as error:
        return _private(
            *error_response(400, "Unreadable draft", f"The draft could not be read: {error}.")
        )
    except Exception as error:  # the message could quote the draft: log the type only
        current_app.logger.error("check failed: %s", type(error).__name__)
        return _private(*error_response(500, "Internal error", "The draft could not be checked."))
    return _private(response)


def _private(response: Response | str, status: int = 200) -> Response:
    """The report holds the draft's text: no cache (browser or proxy) may keep it."""
    if isinstance(response, str):
        response = Response(response, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    response.status_code = status
    return response
