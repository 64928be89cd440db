"""Checks a ``/data.json`` against the DCAT-US 1.1 schema for non-federal catalogues that
data.gov's harvester applies, vendored unchanged in tests/schemas/dcat-us-1.1/."""

import json
from pathlib import Path

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMAS = Path(__file__).parent / "schemas" / "dcat-us-1.1"


def _resource(name):
    return Resource.from_contents(
        json.loads((SCHEMAS / name).read_text(encoding="utf-8")), default_specification=DRAFT4
    )


CATALOGUE = _resource("catalog.json")
# The catalogue refers to each dataset's schema by its published address.
REGISTRY = Registry().with_resources(
    (resource.id(), resource) for resource in [CATALOGUE, _resource("dataset-non-federal.json")]
)
VALIDATOR = Draft4Validator(CATALOGUE.contents, registry=REGISTRY, format_checker=FormatChecker())


def problems(catalogue):
    """Every way ``catalogue`` fails the schema, as "where: what" lines (none when valid)."""
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(catalogue)'}: {error.message}"
        for error in sorted(VALIDATOR.iter_errors(catalogue), key=lambda e: list(e.path))
    ]
