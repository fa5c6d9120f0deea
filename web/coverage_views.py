"""/coverage (+ .json): what the index holds; also the home page shown for an empty search."""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Blueprint, Response, jsonify, render_template

from search.api import Searcher
from search.coverage import Coverage, coverage_of
from web.errors import wants_json
from web.resources import get_searcher
from web.state import SearchState

bp = Blueprint("coverage", __name__)
# (label, query): what a first visit can try; each is a plain link to /search
EXAMPLES = (
    ("a phrase, exactly", '"technical assistance"'),
    ("every form of a word", "capacity-building"),
    ("two words near each other", "women NEAR/5 peace"),
    ("one committee's language", 'committee:third "human rights defenders"'),
    ("what a session urged", "verb:urge climate"),
    ("resolutions citing a resolution", "cites:70/1"),
)
_CACHE: dict[Path, Coverage] = {}
_LOCK = threading.Lock()


def get_coverage(searcher: Searcher) -> Coverage:
    """Read once per build: the record never changes for a build."""
    build = Path(searcher.build_dir)
    with _LOCK:
        if build not in _CACHE:
            if len(_CACHE) > 4:
                _CACHE.clear()
            _CACHE[build] = coverage_of(build, getattr(searcher, "manifest", None) or {})
        return _CACHE[build]


@bp.get("/coverage")
@bp.get("/coverage.json")
def coverage() -> Response | str:
    """Documents and paragraphs per body, session or year and type, with symbol ranges."""
    record = get_coverage(get_searcher())
    if wants_json():
        return jsonify(record.to_json())
    return render_template("coverage.html", coverage=record, state=SearchState())


def home(state: SearchState) -> str:
    """The empty search: what the index holds and queries to start from, not every paragraph."""
    return render_template(
        "home.html", coverage=get_coverage(get_searcher()), examples=EXAMPLES, state=state
    )
