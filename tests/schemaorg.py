"""Checks JSON-LD against the schema.org vocabulary itself (vendored unchanged in
tests/schemas/schemaorg-12.0/), and against the properties Google requires and recommends
for datasets.

The document is first expanded with ``pyld`` and the published schema.org context, as a
JSON-LD processor reads it (which fails on JSON-LD that is not valid); then every node's
types, properties and values are looked up in the vocabulary.
"""

import json
import re
from datetime import date, datetime
from pathlib import Path

from pyld import jsonld

SCHEMAS = Path(__file__).parent / "schemas" / "schemaorg-12.0"
PREFIXES = ("http://schema.org/", "https://schema.org/")
CONTEXT_URLS = ("https://schema.org/", "https://schema.org", "http://schema.org/")

# Google's documented properties for datasets, "Structured data type definitions":
# https://developers.google.com/search/docs/appearance/structured-data/dataset
GOOGLE_DATASET = {
    "Dataset": {
        "required": ["description", "name"],
        "recommended": [
            "alternateName",
            "creator",
            "citation",
            "funder",
            "hasPart",
            "identifier",
            "isAccessibleForFree",
            "isBasedOn",
            "keywords",
            "license",
            "measurementTechnique",
            "measurementMethod",
            "sameAs",
            "spatialCoverage",
            "temporalCoverage",
            "variableMeasured",
            "version",
            "url",
            # From the DataCatalog and DataDownload sections of the same page.
            "includedInDataCatalog",
            "distribution",
        ],
    },
    "DataCatalog": {"required": ["name"], "recommended": []},
    "DataDownload": {"required": ["contentUrl"], "recommended": ["encodingFormat"]},
}
# Google reads a description of 50 to 5,000 characters.
DESCRIPTION_LENGTH = (50, 5000)
# temporalCoverage as an ISO 8601 interval, open ends written "..".
ISO_INTERVAL = re.compile(r"^(\d{4}-\d{2}-\d{2}|\.\.)/(\d{4}-\d{2}-\d{2}|\.\.)$")


def _ids(value):
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    return [_local(item["@id"]) for item in values]


def _local(iri):
    return iri.split(":", 1)[1] if iri.startswith("schema:") else iri


class Vocabulary:
    def __init__(self):
        graph = json.loads((SCHEMAS / "schemaorg-current-https.jsonld").read_text())["@graph"]
        self.classes, self.properties = {}, {}
        for node in graph:
            kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
            name = _local(node["@id"])
            if "rdf:Property" in kinds:
                self.properties[name] = {
                    "domain": _ids(node.get("schema:domainIncludes")),
                    "range": _ids(node.get("schema:rangeIncludes")),
                }
            elif "rdfs:Class" in kinds or "schema:DataType" in kinds:
                self.classes[name] = [
                    parent
                    for parent in _ids(node.get("rdfs:subClassOf"))
                    if not parent.startswith("rdfs:")
                ]

    def ancestors(self, name):
        """``name`` and every type it is a kind of."""
        found, waiting = set(), [name]
        while waiting:
            current = waiting.pop()
            if current not in found:
                found.add(current)
                waiting.extend(self.classes.get(current, []))
        return found

    def literal_fits(self, value, expected):
        """Whether a literal fits one of the ``expected`` types (data types or classes)."""
        kinds = set()
        for name in expected:
            kinds |= {other for other in self.classes if name in self.ancestors(other)}
        if isinstance(value, bool):
            return "Boolean" in kinds
        if isinstance(value, int | float):
            return bool({"Number", "Integer", "Float"} & kinds)
        if not isinstance(value, str):
            return False
        if "Text" in kinds:
            return True
        if "URL" in kinds and re.match(r"^https?://", value):
            return True
        if "Date" in kinds and _parses(date.fromisoformat, value):
            return True
        return "DateTime" in kinds and _parses(datetime.fromisoformat, value)


def _parses(parse, text):
    try:
        parse(text)
    except ValueError:
        return False
    return True


VOCABULARY = Vocabulary()


def _document_loader(url, options=None):
    if url not in CONTEXT_URLS:
        raise jsonld.JsonLdError(f"No network here: {url}", "loading document failed")
    return {
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads((SCHEMAS / "schemaorgcontext.jsonld").read_text()),
    }


def expanded(document):
    """The document as a JSON-LD processor reads it (raises on invalid JSON-LD)."""
    return jsonld.expand(document, {"documentLoader": _document_loader})


def _schema_name(iri):
    for prefix in PREFIXES:
        if iri.startswith(prefix):
            return iri[len(prefix) :]
    return None


def vocabulary_problems(document):
    """Every type, property or value of ``document`` that schema.org does not define or
    allow there, as "where: what" lines (none when it fits the vocabulary)."""
    problems = []
    for node in expanded(document):
        _check_node(node, "$", problems)
    return problems


def _check_node(node, where, problems):
    types = [_schema_name(iri) for iri in node.get("@type", [])]
    if not types:
        problems.append(f"{where}: a node without a schema.org @type")
    for name in types:
        if name not in VOCABULARY.classes:
            problems.append(f"{where}: @type {name} is not a schema.org type")
    ancestors = set().union(*(VOCABULARY.ancestors(name) for name in types if name))
    for key, values in node.items():
        if key.startswith("@"):
            continue
        name = _schema_name(key)
        spec = VOCABULARY.properties.get(name)
        if spec is None:
            problems.append(f"{where}: {key} is not a schema.org property")
            continue
        if not ancestors & set(spec["domain"]):
            problems.append(f"{where}.{name}: not a property of {', '.join(map(str, types))}")
        for index, value in enumerate(values):
            _check_value(value, spec["range"], f"{where}.{name}[{index}]", problems)


def _check_value(value, expected, where, problems):
    if "@value" in value:
        if not VOCABULARY.literal_fits(value["@value"], expected):
            problems.append(f"{where}: {value['@value']!r} is none of {expected}")
    elif "@type" in value:
        types = [_schema_name(iri) for iri in value["@type"]]
        if not any(set(expected) & VOCABULARY.ancestors(name) for name in types if name):
            problems.append(f"{where}: a {types} where {expected} is expected")
        _check_node(value, where, problems)
    elif set(value) == {"@id"}:
        # A reference: an address where a URL is expected.
        if "URL" not in expected or not re.match(r"^https?://", value["@id"]):
            problems.append(f"{where}: a reference to {value['@id']} where {expected} is expected")
    else:
        problems.append(f"{where}: an untyped node where {expected} is expected")


def google_problems(dataset):
    """What Google's documentation for datasets requires and ``dataset`` (the compact
    JSON-LD of one Dataset) lacks, as lines; and the recommended properties it leaves out,
    as a set."""
    problems = []
    rules = GOOGLE_DATASET["Dataset"]
    for name in rules["required"]:
        if not dataset.get(name):
            problems.append(f"Dataset: {name} is required")
    low, high = DESCRIPTION_LENGTH
    if not low <= len(dataset.get("description", "")) <= high:
        problems.append(f"Dataset: description must have {low} to {high} characters")
    if "temporalCoverage" in dataset and not ISO_INTERVAL.match(dataset["temporalCoverage"]):
        problems.append("Dataset: temporalCoverage is not an ISO 8601 interval")
    for key, kind in (("includedInDataCatalog", "DataCatalog"), ("distribution", "DataDownload")):
        values = dataset.get(key, [])
        for index, value in enumerate(values if isinstance(values, list) else [values]):
            for name in GOOGLE_DATASET[kind]["required"] + GOOGLE_DATASET[kind]["recommended"]:
                if not value.get(name):
                    problems.append(f"Dataset.{key}[{index}]: {kind} needs {name}")
    left_out = {name for name in rules["recommended"] if name not in dataset}
    return problems, left_out
