"""The Flask front end: create_app wires config, the index resource, security headers and blueprints."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from search.store.layout import DEFAULT_INDEX


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Defaults, then AGREED_* environment variables (AGREED_INDEX=var/index), then test_config.

    The only place the web app reads its environment; `agreed serve` passes INDEX in test_config.
    """
    # Imported here, as flaskr does, so the pure modules (web.urls, web.state...) import on their own.
    from web import (
        api_views,
        coverage_views,
        doc_views,
        errors,
        language_views,
        phrase_views,
        resources,
        search_views,
        streaming,
    )
    from web.check_views import bp as check_bp

    app = Flask(__name__)
    app.config.from_mapping(
        INDEX=str(DEFAULT_INDEX),
        BASE_URL="http://127.0.0.1:8000",  # public address for absolute links (feed, CSV)
        STREAM_STALL_SECONDS=streaming.STALL_SECONDS,
        STREAMS_PER_WORKER=streaming.STREAMS_PER_WORKER,
        SLOT_WAIT_SECONDS=10.0,  # how long a download or an expensive page waits for a free slot
        WORK_SECONDS=0.5,  # a concordance reads paragraphs for at most this long, then says "partial"
        SEND_FILE_MAX_AGE_DEFAULT=3600,
    )
    app.config.from_prefixed_env("AGREED")
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    resources.init_app(app)
    errors.init_app(app)
    app.register_blueprint(search_views.bp)
    app.register_blueprint(doc_views.bp)
    app.register_blueprint(api_views.bp)
    app.register_blueprint(language_views.bp)
    app.register_blueprint(coverage_views.bp)
    app.register_blueprint(phrase_views.bp)
    app.register_blueprint(check_bp)
    return app
