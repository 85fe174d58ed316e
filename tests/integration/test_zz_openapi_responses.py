"""Runs last: every staff API response of the whole run (recorded by conftest's Api client) is checked against
templates/api/openapi.json — the operation documents its status, the content type is one it names, and a JSON
body validates against the response's schema (JSON Schema 2020-12, $refs resolved in the document)."""
import collections
import json
import os
import re

import jsonschema
import pytest

from conftest import API_CALLS, REPO

SPEC_PATH = os.path.join(REPO, "templates", "api", "openapi.json")
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def load_spec() -> dict:
    with open(SPEC_PATH, encoding="utf-8") as f:
        return json.load(f)


def operations(spec: dict) -> list:
    """[(regex, template, literal segment count, path item)], the most literal templates first, so that
    /autocreate/runs wins over /autocreate/{portal}."""
    prefix = spec["servers"][0]["url"].rstrip("/")
    out = []
    for template, item in spec["paths"].items():
        # A parameter is a plain token: a path with an escaped byte in it (/contacts/%00, which nginx refuses
        # itself) names no operation.
        pattern = re.sub(r"\\\{[^/]+?\\\}", "[A-Za-z0-9_.~-]+", re.escape(prefix + template))
        out.append((re.compile(pattern + "$"), template, template.count("{"), item))
    return sorted(out, key=lambda o: o[2])


def resolve(spec: dict, obj: dict) -> dict:
    while isinstance(obj, dict) and "$ref" in obj:
        node = spec
        for part in obj["$ref"].lstrip("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        obj = node
    return obj


def check(spec: dict, validator_for, call) -> tuple:
    """(operation key, problem or None); operation key None when the call names no documented operation."""
    for regex, template, _, item in operations_cache(spec):
        if regex.match(call.path):
            break
    else:
        return None, None
    op = item.get(call.method.lower())
    if op is None:
        return None, None  # a method the path does not have (405 tests): not an operation
    key = (call.method, template, call.status)
    responses = op.get("responses", {})
    resp = responses.get(str(call.status)) or responses.get(f"{str(call.status)[0]}XX") or responses.get("default")
    if resp is None:
        return key, f"status {call.status} is not documented (documented: {', '.join(sorted(responses))})"
    resp = resolve(spec, resp)
    content = resp.get("content")
    if not content:
        return key, (None if call.size == 0 or call.method == "HEAD" else f"documented without a body, got {call.size} bytes")
    ctype = call.content_type.split(";")[0].strip().lower()
    if call.method == "HEAD":
        return key, None
    media = content.get(ctype) or content.get(ctype.split("/")[0] + "/*") or content.get("*/*")
    if media is None:
        return key, f"content type {ctype or '(none)'} is not documented (documented: {', '.join(content)})"
    if not ctype.endswith("json"):
        return key, None
    try:
        body = json.loads(call.body)
    except ValueError as e:
        return key, f"the body is not JSON: {e}"
    schema = media.get("schema")
    if schema is None:
        return key, None
    try:
        errors = sorted(validator_for(schema).iter_errors(body), key=lambda e: list(e.absolute_path))
    except jsonschema.exceptions.RefResolutionError as e:
        return key, f"the document's schema does not resolve: {e}"
    if errors:
        e = errors[0]
        where = "/".join(str(p) for p in e.absolute_path) or "(the body)"
        return key, f"{where}: {e.message[:300]} (schema: {'/'.join(str(p) for p in e.absolute_schema_path)})"
    return key, None


_ops = {}


def operations_cache(spec):
    if "ops" not in _ops:
        _ops["ops"] = operations(spec)
    return _ops["ops"]


def test_every_api_response_of_the_run_matches_the_openapi_document():
    if not API_CALLS:
        pytest.skip("no staff API calls were made in this run")
    spec = load_spec()
    resolver = jsonschema.RefResolver.from_schema(spec)

    def validator_for(schema):
        return jsonschema.Draft202012Validator(schema, resolver=resolver)

    problems = collections.OrderedDict()
    seen = set()
    for call in API_CALLS:
        key, problem = check(spec, validator_for, call)
        if key is None:
            continue
        seen.add(key)
        if problem:
            entry = problems.setdefault((key, problem), [0, call])
            entry[0] += 1
    report = [f"{m} {t} -> {s}: {p} ({n}x; e.g. {c.path}: {c.body[:200]!r})"
              for ((m, t, s), p), (n, c) in problems.items()]
    assert not report, f"{len(report)} kinds of response disagree with openapi.json " \
                       f"({len(API_CALLS)} calls, {len(seen)} (operation, status) pairs seen):\n" + "\n".join(report)


def test_the_document_is_a_valid_openapi_31_shape():
    spec = load_spec()
    assert spec["openapi"].startswith("3.1")
    for name, schema in spec["components"]["schemas"].items():
        jsonschema.Draft202012Validator.check_schema(schema)
    for template, item in spec["paths"].items():
        for method, op in item.items():
            if method not in METHODS:
                continue
            assert op.get("operationId"), f"{method.upper()} {template} has no operationId"
            assert op.get("responses"), f"{method.upper()} {template} documents no response"
            for status, resp in op["responses"].items():
                resolve(spec, resp)  # every $ref resolves
