"""The Spanish texts of the demo charts and datasets (publicdata.demo_spanish) are
translations of the English demo data: one for every chart, dataset and column, a Spanish
text exactly where the English has one, a name for every worded value of a dimension, the
same numbers, notes at the same x values, the same tags and links, and texts short enough
for the fields that hold them."""

import html
import re

import pytest

from publicdata import demo_spanish
from publicdata.demo_charts import CHARTS
from publicdata.demo_data import DATASETS
from publicdata.models import Chart, Dataset, FieldSpec

# The chart's texts besides its title (the English title is the key of both).
CHART_TEXTS = ("summary", "x_label", "y_label", "unit", "period", "comparison_label", "annotations")
DATASET_TEXTS = ("title", "summary", "description", "methodology", "source", "spatial_coverage")
RICH_TEXTS = ("description", "methodology")


# Maximum lengths of the fields that hold the Spanish texts.
def _limits(model, names):
    return {name: model._meta.get_field(f"{name}_es").max_length for name in names}


CHART_LENGTHS = _limits(
    Chart, ["title", "summary", "x_label", "y_label", "period", "comparison_label", "unit"]
)
DATASET_LENGTHS = _limits(Dataset, ["title", "summary", "source", "spatial_coverage"])
FIELD_TITLE_LENGTH = FieldSpec._meta.get_field("title_es").max_length
FIELD_UNIT_LENGTH = FieldSpec._meta.get_field("unit_es").max_length
# A value's name is one line of the column's values_es ("value | name").
VALUE_NAME_LENGTH = 120

DATASETS_BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}
CHART_TITLES = list(CHARTS)
SLUGS = list(DATASETS_BY_SLUG)
COLUMNS = [(dataset.slug, column) for dataset in DATASETS for column in dataset.fields]
COLUMN_IDS = [f"{slug}/{column['name']}" for slug, column in COLUMNS]


def _chart_pairs(title):
    """(key, English, Spanish) of every text of a chart, the title included."""
    english = {"title": title, **CHARTS[title]}
    spanish = demo_spanish.CHARTS.get(title, {})
    return [
        (key, english[key], spanish.get(key, ""))
        for key in ("title", *CHART_TEXTS)
        if english.get(key)
    ]


def _dataset_pairs(slug):
    """(key, English, Spanish) of every text of a dataset: its metadata, its columns'
    titles and descriptions, and the names of their values."""
    dataset, spanish = DATASETS_BY_SLUG[slug], demo_spanish.DATASETS.get(slug, {})
    pairs = [
        (key, dataset.metadata[key], spanish.get(key, ""))
        for key in DATASET_TEXTS
        if dataset.metadata.get(key)
    ]
    for column in dataset.fields:
        names = spanish.get("fields", {}).get(column["name"], {})
        for key in ("title", "description", "unit"):
            if column[key]:
                pairs.append((f"{column['name']}.{key}", column[key], names.get(key, "")))
        for value, name in names.get("values", {}).items():
            pairs.append((f"{column['name']}={value}", value, name))
    return pairs


def _worded_values(column):
    """The allowed values of a dimension column that are words, not codes or dates."""
    if column["role"] != "dimension":
        return set()
    allowed = column["allowed_values"].splitlines()
    return {value.strip() for value in allowed if re.search("[a-z]", value)}


def _plain(text):
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def _x_values(annotations):
    return [line.partition("|")[0].strip() for line in annotations.splitlines() if line.strip()]


ALL_PAIRS = [
    *((f"chart {title}", pair) for title in CHART_TITLES for pair in _chart_pairs(title)),
    *((f"dataset {slug}", pair) for slug in SLUGS for pair in _dataset_pairs(slug)),
]
PAIR_IDS = [f"{owner}: {key}" for owner, (key, _, _) in ALL_PAIRS]


def test_every_demo_chart_and_dataset_has_spanish_texts_and_nothing_else():
    assert set(demo_spanish.CHARTS) == set(CHARTS)
    assert set(demo_spanish.DATASETS) == set(DATASETS_BY_SLUG)


@pytest.mark.parametrize("title", CHART_TITLES, ids=CHART_TITLES)
def test_a_chart_has_a_spanish_text_exactly_where_the_english_has_one(title):
    english = CHARTS[title]
    expected = {"title"} | {key for key in CHART_TEXTS if english.get(key)}
    spanish = demo_spanish.CHARTS[title]
    assert set(spanish) == expected
    assert all(isinstance(text, str) and text.strip() for text in spanish.values())


@pytest.mark.parametrize("slug", SLUGS, ids=SLUGS)
def test_a_dataset_has_a_spanish_text_exactly_where_the_english_has_one(slug):
    metadata = DATASETS_BY_SLUG[slug].metadata
    expected = {"fields"} | {key for key in DATASET_TEXTS if metadata.get(key)}
    spanish = demo_spanish.DATASETS[slug]
    assert set(spanish) == expected
    assert all(spanish[key].strip() for key in expected - {"fields"})


@pytest.mark.parametrize("slug", SLUGS, ids=SLUGS)
def test_every_column_of_a_dataset_has_spanish_texts_and_no_other_column_does(slug):
    names = [column["name"] for column in DATASETS_BY_SLUG[slug].fields]
    assert list(demo_spanish.DATASETS[slug]["fields"]) == names


@pytest.mark.parametrize(("slug", "column"), COLUMNS, ids=COLUMN_IDS)
def test_a_column_has_a_spanish_title_and_a_description_where_the_english_has_one(slug, column):
    spanish = demo_spanish.DATASETS[slug]["fields"][column["name"]]
    expected = {"title"} | {key for key in ("description", "unit") if column[key]}
    if _worded_values(column):
        expected.add("values")
    assert set(spanish) == expected
    assert spanish["title"].strip()
    assert not column["description"] or spanish["description"].strip()
    assert len(spanish["title"]) <= FIELD_TITLE_LENGTH
    assert len(spanish.get("unit", "")) <= FIELD_UNIT_LENGTH


@pytest.mark.parametrize(("slug", "column"), COLUMNS, ids=COLUMN_IDS)
def test_every_worded_value_of_a_dimension_has_a_spanish_name_and_only_those(slug, column):
    names = demo_spanish.DATASETS[slug]["fields"][column["name"]].get("values", {})
    allowed = {value.strip() for value in column["allowed_values"].splitlines()}
    worded = _worded_values(column)
    assert worded <= set(names), worded - set(names)
    assert set(names) <= allowed, set(names) - allowed
    for name in names.values():
        assert name.strip() and "|" not in name and "\n" not in name
        assert len(name) <= VALUE_NAME_LENGTH


@pytest.mark.parametrize(("owner", "pair"), ALL_PAIRS, ids=PAIR_IDS)
def test_a_spanish_text_of_more_than_one_word_is_not_the_english_one(owner, pair):
    _key, english, spanish = pair
    if len(english.split()) > 1:
        assert spanish != english
        for sentence in re.split(r"(?<=[.:;?!])\s+", _plain(english)):
            if len(sentence.split()) >= 4:
                assert sentence.strip() not in _plain(spanish), f"untranslated: {sentence!r}"


@pytest.mark.parametrize(("owner", "pair"), ALL_PAIRS, ids=PAIR_IDS)
def test_every_number_of_the_english_text_is_in_the_spanish_one(owner, pair):
    _key, english, spanish = pair
    missing = set(re.findall(r"\d+", english)) - set(re.findall(r"\d+", spanish))
    assert not missing, missing


@pytest.mark.parametrize("title", CHART_TITLES, ids=CHART_TITLES)
def test_spanish_chart_notes_sit_at_the_english_x_values_in_the_same_order(title):
    english = CHARTS[title].get("annotations", "")
    spanish = demo_spanish.CHARTS[title].get("annotations", "")
    assert _x_values(spanish) == _x_values(english)
    for line in spanish.splitlines():
        assert line.partition("|")[2].strip(), f"no note after the x value: {line!r}"


@pytest.mark.parametrize("title", CHART_TITLES, ids=CHART_TITLES)
def test_spanish_chart_texts_fit_their_fields(title):
    spanish = demo_spanish.CHARTS[title]
    too_long = {
        key: len(spanish[key])
        for key, limit in CHART_LENGTHS.items()
        if len(spanish.get(key, "")) > limit
    }
    assert not too_long


@pytest.mark.parametrize("slug", SLUGS, ids=SLUGS)
def test_spanish_dataset_texts_fit_their_fields(slug):
    spanish = demo_spanish.DATASETS[slug]
    too_long = {
        key: len(spanish[key])
        for key, limit in DATASET_LENGTHS.items()
        if len(spanish.get(key, "")) > limit
    }
    assert not too_long


@pytest.mark.parametrize("slug", SLUGS, ids=SLUGS)
def test_spanish_rich_text_keeps_the_english_tags_and_links(slug):
    metadata, spanish = DATASETS_BY_SLUG[slug].metadata, demo_spanish.DATASETS[slug]
    for key in RICH_TEXTS:
        english = metadata.get(key, "")
        translated = spanish.get(key, "")
        # English words kept in a Spanish text are marked: not part of its structure.
        unmarked = re.sub(r'<span lang="en">|</span>', "", translated)
        assert re.findall(r"<(/?[a-z0-9]+)", unmarked) == re.findall(r"<(/?[a-z0-9]+)", english), (
            key
        )
        assert re.findall(r'href="([^"]*)"', translated) == re.findall(
            r'href="([^"]*)"', english
        ), key


@pytest.mark.parametrize("slug", SLUGS, ids=SLUGS)
def test_sample_data_is_called_sample_data_in_spanish(slug):
    dataset, spanish = DATASETS_BY_SLUG[slug], demo_spanish.DATASETS[slug]
    assert ("(datos de muestra)" in spanish["title"]) == (
        "(sample data)" in dataset.metadata["title"]
    )
    if dataset.is_sample:
        assert "Datos de muestra" in _plain(spanish["description"])
