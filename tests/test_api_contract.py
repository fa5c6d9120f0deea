"""The API contract: /openapi.json describes every machine route and schemathesis finds no failure."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.core.result import Err, Ok
from schemathesis.specs.openapi.checks import positive_data_acceptance
from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

from web import create_app
from web.openapi import SPEC
from web.resources import close_searcher

MACHINE_SUFFIXES = (".json", ".csv", ".atom")
EXAMPLES = 25  # per operation and mode: enough to find contract gaps, quick enough for make test
# A query language has a grammar no JSON schema can state: a schema-valid q may still be a
# malformed query (an unclosed quote) or filter value (body:xyz), answered 400 with the reason.
GRAMMAR_REFUSALS = ("Bad query",)


@pytest.fixture(scope="module")
def app(sample_index: Path) -> Iterator[Flask]:
    app = create_app({"INDEX": str(sample_index), "TESTING": True})
    yield app
    close_searcher(app)


@pytest.fixture(scope="module")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def spec_path(rule: str) -> str:
    """Flask's /doc/<path:symbol> is OpenAPI's /doc/{symbol}."""
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule)


def test_every_machine_route_and_json_twin_is_described(app: Flask) -> None:
    described = set(SPEC["paths"])
    missing = []
    for rule in app.url_map.iter_rules():
        path = spec_path(rule.rule)
        if path.startswith("/static"):
            continue
        if path.endswith(MACHINE_SUFFIXES) or path == "/healthz":
            if path not in described:
                missing.append(path)
        elif "{symbol}" in path and f"{path}.json" not in described:  # /doc/<symbol> and its .json
            missing.append(f"{path}.json")
    assert not missing, f"routes not in web/openapi.py: {missing}"


def test_the_spec_is_valid_openapi_31(app: Flask) -> None:
    served = app.test_client().get("/openapi.json").get_json()
    assert served["openapi"] == "3.1.0"
    # the OpenAPI 3.1 meta-schema schemathesis itself checks specifications against
    problems = [error.message for error in OPENAPI_31_VALIDATOR.iter_errors(served)]
    assert not problems
    results = list(schemathesis.openapi.from_wsgi("/openapi.json", app).get_all_operations())
    assert not [result.err() for result in results if isinstance(result, Err)]
    paths = {result.ok().path for result in results if isinstance(result, Ok)}
    assert paths == set(SPEC["paths"]) - {"/openapi.json"}


def test_a_wrong_method_is_405_with_allow(client: FlaskClient) -> None:
    for path in ("/search.json", "/export.csv", "/feed.atom", "/healthz", "/search"):
        response = client.post(path)
        assert response.status_code == 405
        assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize("path", ["/export.csv?q=(", "/feed.atom?q=%22", "/concordance.csv?q=)"])
def test_errors_of_csv_and_atom_are_json_as_declared(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 400 and response.mimetype == "application/json"
    assert response.get_json()["message"]


@schemathesis.check
def only_the_grammar_refuses_valid_data(ctx, response, case) -> None:
    """positive_data_acceptance, except that a malformed query is a fair 400 (see GRAMMAR_REFUSALS)."""
    if (
        case.method != "GET"
    ):  # an uploaded draft's content (POST /check.json) is no schema's to state
        return
    if response.status_code == 400 and case.meta and case.meta.generation.mode.is_positive:
        error = response.json() or {}
        grammar = error.get("error") in GRAMMAR_REFUSALS or error.get("parameter") == "f"
        # JSON Schema counts 5.0 as an integer; a URL number here is ASCII digits (issue 11)
        decimal = "whole number" in error.get("message", "") and any(
            re.fullmatch(r"\d+\.\d*", str(value)) for value in (case.query or {}).values()
        )
        assert grammar or decimal, f"schema-valid request refused: {response.text[:300]}"


# every operation the spec declares, whatever surfaces exist (GET pages, POST /check.json...)
OPERATIONS = sorted(
    (path, method.upper())
    for path, item in SPEC["paths"].items()
    for method in item
    if path != "/openapi.json"
)
# negative cases need a parameter that can be wrong: an unconstrained path symbol cannot
CONSTRAINED = [
    (path, method)
    for path, method in OPERATIONS
    if any(p["in"] == "query" for p in SPEC["paths"][path][method.lower()].get("parameters", []))
]
CASES = [(path, method, GenerationMode.POSITIVE) for path, method in OPERATIONS] + [
    (path, method, GenerationMode.NEGATIVE) for path, method in CONSTRAINED
]


@pytest.mark.parametrize(("path", "method", "mode"), CASES)
def test_schemathesis_finds_no_failure(
    app: Flask, path: str, method: str, mode: GenerationMode
) -> None:
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    operation = schema[path][method]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,  # the same cases every run: a contract check, not a lottery
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(
            excluded_checks=[positive_data_acceptance],
            additional_checks=[only_the_grammar_refuses_valid_data],
        )

    run()
