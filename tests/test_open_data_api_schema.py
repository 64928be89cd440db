"""A client generated from the API's OpenAPI schema and the server agree.

For every parameter of every operation in the served schema, values at and beyond the
bounds it declares, and values made from its own patterns: a value the schema allows is
never turned down (a name that exists gets a 200; a dataset or release that does not, a
404), a value it forbids gets a 400 whose message names the parameter, and nothing gets
a 500. The served document is itself valid OpenAPI.
"""

import math
import re
from functools import partial
from urllib.parse import quote

from django.core.cache import caches
from django.test import override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openapi_spec_validator import validate

SCHEMA_URL = "/api/v1/openapi.json"
DATASET = "referrals"  # tests.publicdata_helpers.referrals: releases 1 and 2
NOT_FOUND = "No published dataset or release has that name or number."
# What a schema cannot say: which names exist. These take names of the dataset's fields
# (its data dictionary); a name it lacks gets a 400 saying so. order= reads a leading -
# as "descending".
FIELD_NAMES = {"fields": False, "order": True}
# A client writes an integer in a query string or path as decimal digits.
INTEGER = re.compile(r"-?[0-9]+")
# Any text a URL can carry (no lone surrogates: they cannot be encoded).
any_text = st.text(st.characters(codec="utf-8"), max_size=40)


def served_schema(client):
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    return response.json()


def parameters(schema):
    """(path, parameter) for every parameter of every operation, its ``schema`` that of
    a value sent (for an optional parameter, null is leaving it out)."""
    for path, methods in schema["paths"].items():
        for operation in methods.values():
            for parameter in operation.get("parameters", []):
                value = parameter["schema"]
                for branch in value.get("anyOf", []):
                    if branch.get("type") != "null":
                        value = {**value, **branch}
                yield path, {**parameter, "schema": value}


def bounds(schema):
    """An integer's declared bounds; where it declares none, every integer is allowed,
    and values are tried around 0 and far from it."""
    return schema.get("minimum", 0), schema.get("maximum", 10**12)


def ecma(schema):
    """A string's declared pattern (ECMA-262) for Python's re, where $ also matches before
    a final newline: in ECMA-262 only at the very end. No pattern: any text."""
    pattern = schema.get("pattern", "")
    return pattern.removesuffix("$") + r"\Z" if pattern.endswith("$") else pattern


def allows(schema, text):
    """Whether the parameter's schema allows ``text``, as a URL carries it."""
    if schema["type"] == "integer":
        return (
            INTEGER.fullmatch(text) is not None
            and len(text) < 100
            and schema.get("minimum", -math.inf) <= int(text) <= schema.get("maximum", math.inf)
        )
    return (
        re.search(ecma(schema), text) is not None
        and len(text) <= schema.get("maxLength", len(text))
        and len(text) >= schema.get("minLength", 0)
    )


def values(schema):
    """At and beyond the declared bounds, from the declared pattern, and anything."""
    if schema["type"] == "integer":
        low, high = bounds(schema)
        edges = [low - 1, low, low + 1, high - 1, high, high + 1, -high, high * 10]
        numbers = st.sampled_from(edges) | st.integers(low - 5, low + 5) | st.integers()
        return numbers.map(str) | st.sampled_from(["", " 1", "+1", "1.0", "1e3", "٣"]) | any_text
    made = st.from_regex(ecma(schema), fullmatch=True) if "pattern" in schema else any_text
    if "maxLength" in schema:
        made = made.filter(lambda text: len(text) <= schema["maxLength"])
        made |= st.just("a" * schema["maxLength"]) | st.just("a" * (schema["maxLength"] + 1))
    return made | st.just("") | any_text


def known_names(client):
    detail = client.get(f"/api/v1/datasets/{DATASET}").json()
    return [field["name"] for field in detail["fields"]]


def name_lists(names, descending):
    name = st.sampled_from(names)
    if descending:
        name = st.tuples(st.sampled_from(["", "-"]), name).map("".join)
    return st.lists(name, min_size=1, max_size=4).map(",".join)


def request(client, path, parameter, text):
    """GET ``path`` with ``text`` for this parameter and the others left out (the path's
    slug: the test dataset)."""
    slug = quote(text, safe="") if parameter["in"] == "path" else DATASET
    url = path.replace("{slug}", slug)
    if parameter["in"] == "query":
        url += f"?{parameter['name']}={quote(text, safe='')}"
    return client.get(url)


def check(response, parameter, text, allowed, names):
    where = f"{parameter['name']}={text!r}: {response.status_code} {response.content[:300]!r}"
    assert response.status_code < 500, where
    problem = response.json().get("error", "") if response.status_code >= 400 else ""
    if not allowed:
        assert response.status_code in (400, 422), where
        assert parameter["name"] in problem, where
        return
    unknown = []
    if parameter["name"] in FIELD_NAMES:
        descending = FIELD_NAMES[parameter["name"]]
        unknown = [
            name
            for name in text.split(",")
            if (name[1:] if descending and name.startswith("-") else name) not in names
        ]
    if unknown:
        assert response.status_code == 400, where
        assert f"unknown field {', '.join(unknown)}" in problem, where
    else:
        assert response.status_code in (200, 404), where
        assert response.status_code == 200 or problem == NOT_FOUND, where


def in_the_url(parameter, text):
    # A path segment cannot be empty or hold a slash: such a URL is another path (or
    # none), which never reaches the operation.
    return parameter["in"] != "path" or (text and "/" not in text)


def test_the_served_schema_is_valid_openapi(client, referrals):
    schema = served_schema(client)
    validate(schema)
    assert schema["openapi"].startswith("3.")


def test_every_parameter_states_what_the_server_accepts(client, referrals):
    found = set()
    for path, parameter in parameters(served_schema(client)):
        schema, where = parameter["schema"], f"{path} {parameter['name']}: {parameter['schema']}"
        found.add(parameter["name"])
        assert schema.get("type") in {"integer", "string"}, where
        if schema["type"] == "integer":
            assert isinstance(schema.get("minimum"), int), where
            assert isinstance(schema.get("maximum"), int), where
        else:
            pattern = schema.get("pattern", "")
            assert pattern.startswith("^") and pattern.endswith("$"), where
    assert {"slug", "version", "fields", "order", "limit", "offset"} <= found


def test_every_parameter_at_and_beyond_its_bounds(client, referrals):
    names = known_names(client)
    for path, parameter in parameters(served_schema(client)):
        schema = parameter["schema"]
        if schema["type"] == "integer":
            low, high = bounds(schema)
            edges = [str(n) for n in (low - 1, low, low + 1, high - 1, high, high + 1)]
        else:
            edges = [DATASET, ",".join(names), f"-{names[0]},{names[1]}", f"{DATASET}!"]
            if "maxLength" in schema:
                edges += ["a" * schema["maxLength"], "a" * (schema["maxLength"] + 1)]
        for text in edges + [""]:
            if in_the_url(parameter, text):
                response = request(client, path, parameter, text)
                check(response, parameter, text, allows(schema, text), names)


@hypothesis_settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_values_the_schema_allows_are_accepted_and_others_explained(client, referrals, data):
    names = known_names(client)
    for path, parameter in parameters(served_schema(client)):
        strategy = values(parameter["schema"])
        if parameter["name"] in FIELD_NAMES:
            strategy = name_lists(names, FIELD_NAMES[parameter["name"]]) | strategy
        text = data.draw(strategy.filter(partial(in_the_url, parameter)))
        allowed = allows(parameter["schema"], text)
        check(request(client, path, parameter, text), parameter, text, allowed, names)


def test_a_version_that_is_not_a_release_number_is_forbidden_by_the_schema(client, referrals):
    (version,) = [
        parameter["schema"]
        for path, parameter in parameters(served_schema(client))
        if path.endswith("/rows") and parameter["name"] == "version"
    ]
    assert not allows(version, "0") and allows(version, "1")
    response = client.get(f"/api/v1/datasets/{DATASET}/rows?version=0")
    assert response.status_code == 400
    assert "is not a version number" in response.json()["error"]


def test_the_schema_states_the_suppression_threshold_in_force(client, referrals, settings):
    largest = settings.PUBLICDATA_SUPPRESSION_THRESHOLD - 1
    description = served_schema(client)["info"]["description"]
    assert f"Counts from 1 to {largest} are suppressed" in description
    caches["default"].clear()  # the page cache keeps the schema as it was served
    with override_settings(PUBLICDATA_SUPPRESSION_THRESHOLD=largest + 6):
        description = served_schema(client)["info"]["description"]
    assert f"Counts from 1 to {largest + 5} are suppressed" in description
