"""Readable errors in the format asked for (HTML or JSON), never a traceback; security headers."""

from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from search.api import IndexUnavailable
from web.state import BadParameter

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def init_app(app: Flask) -> None:
    app.after_request(_security_headers)
    app.register_error_handler(BadParameter, _bad_parameter)
    app.register_error_handler(IndexUnavailable, _index_unavailable)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


MACHINE_SUFFIXES = (".json", ".csv", ".atom")  # their errors are JSON, as web/openapi.py declares


def wants_json() -> bool:
    """The JSON twin of a page: a .json suffix or ?format=json."""
    return request.path.endswith(".json") or request.args.get("format") == "json"


def wants_json_error() -> bool:
    """Programs read the errors of every machine format (JSON, CSV, Atom); people read HTML."""
    return wants_json() or request.path.endswith(MACHINE_SUFFIXES)


def error_response(
    status: int, title: str, message: str, **extra: object
) -> tuple[Response | str, int]:
    if wants_json_error():
        return jsonify(error=title, message=message, status=status, **extra), status
    return render_template("error.html", status=status, title=title, message=message), status


def _security_headers(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def _bad_parameter(error: BadParameter) -> tuple[Response | str, int]:
    extra = {"parameter": error.parameter} if error.parameter else {}
    return error_response(400, error.title, str(error), **extra)


def _index_unavailable(error: IndexUnavailable) -> tuple[Response | str, int]:
    message = f"The search index is not available yet: {error}. Build it with `agreed index`."
    return error_response(503, "Index unavailable", message)


def _http_error(error: HTTPException) -> Response:
    """The error's own headers are kept: a 405 says which methods are allowed (Allow)."""
    body, status = error_response(error.code or 500, error.name, error.description or error.name)
    response = current_app.make_response((body, status))
    for name, value in error.get_headers():
        if name.lower() not in ("content-type", "content-length"):
            response.headers[name] = value
    return response


def _unexpected(error: Exception) -> tuple[Response | str, int]:
    """Logged with its traceback for the operator; the visitor gets a plain sentence."""
    current_app.logger.exception("unhandled error on %s", request.path)
    return error_response(500, "Internal error", "Something went wrong on our side.")
