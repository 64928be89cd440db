"""The Spanish demo texts are translations of the English ones: the same pages, keys, blocks
and links, the same numbers, the privacy periods read from the settings, and no English
sentence left behind."""

import html
import re
from types import SimpleNamespace

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.test import override_settings

from home.demo import build, explainers, help_pages, home_page, spanish
from home.models import HomePage, SiteSettings
from home.models.site_settings import TRANSLATED_FIELDS

# Values that mark a structure rather than say something, kept as they are.
STRUCTURAL_KEYS = {"type", "level", "tone", "heading_level", "chart", "url", "source_url"}

# Texts that stay as they are on purpose: names of organisations and services, and chart
# references (a chart's own title). Inside a Spanish text, English words are marked
# <span lang="en"> (home.demo.content.english).
KEPT_IN_ENGLISH = {
    "LEAD Baltimore",
    "Maryland 211",
    "Law Enforcement Assisted Diversion",
    # A postal address, written as the post office reads it.
    help_pages.SAMPLE_ADDRESS,
    # The pilot area's neighbourhoods: one run of list items in a page's plain text.
    "  ".join(["Market Center", "Downtown West", "Downtown"]),
    *(partner["value"]["name"] for partner in help_pages.SITE_SETTINGS["partners"]),
}
# Marks English words inside a Spanish text: not part of a text's structure.
ENGLISH_WORDS = re.compile(r'<span lang="en">|</span>')

# (path, model, English fields, Spanish fields) of every translated page but the home page.
SPANISH_PAGES = build.spanish_pages()
PAGES = [
    ("home", home_page.FIELDS, spanish.FIELDS),
    *((path, english, fields) for path, _model, english, fields in SPANISH_PAGES),
]


def _home_with_links(module):
    pages = {slug: SimpleNamespace(pk=pk) for pk, slug in enumerate(["feedback", "outcomes"])}
    pages["get-help"] = SimpleNamespace(pk=9)
    return module.fields_with_links(pages)


def _pairs():
    """(name, English, Spanish) for every page, the home page with its links, and the
    visible site settings."""
    english_settings = {key: help_pages.SITE_SETTINGS[key] for key in spanish.SITE_SETTINGS}
    return [
        *PAGES,
        ("home with links", _home_with_links(home_page), _home_with_links(spanish)),
        ("site settings", english_settings, spanish.SITE_SETTINGS),
    ]


PAIRS = _pairs()
PAIR_IDS = [name for name, _, _ in PAIRS]


def _shape(value, key=None):
    """The structure of demo data: keys, block types, list lengths and non-text values; a
    text is reduced to the sequence of its HTML tags."""
    if isinstance(value, dict):
        return {name: _shape(item, name) for name, item in value.items()}
    if isinstance(value, list | tuple):
        return [_shape(item) for item in value]
    if isinstance(value, str):
        if key in STRUCTURAL_KEYS or value.startswith("chart-ref:"):
            return value
        return ["tag", *re.findall(r"<(/?[a-z0-9]+)", ENGLISH_WORDS.sub("", value))]
    return value


def _texts(value, key=None):
    """Every text of demo data, in order, with the structural values left out."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _texts(item, name)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)
    elif (
        isinstance(value, str) and key not in STRUCTURAL_KEYS and not value.startswith("chart-ref:")
    ):
        yield value


def _plain(text):
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def _links(value):
    return [href for text in _texts(value) for href in re.findall(r'href="([^"]+)"', text)]


@pytest.mark.parametrize(("name", "english", "spanish_page"), PAIRS, ids=PAIR_IDS)
def test_each_spanish_page_has_the_structure_of_the_english_one(name, english, spanish_page):
    assert _shape(spanish_page) == _shape(english)


@pytest.mark.parametrize(("name", "english", "spanish_page"), PAIRS, ids=PAIR_IDS)
def test_the_spanish_links_go_where_the_english_ones_go(name, english, spanish_page):
    assert _links(spanish_page) == _links(english)


def test_the_spanish_home_page_shows_the_same_chart_and_calls_to_action_targets():
    english, spanish_home = _home_with_links(home_page), _home_with_links(spanish)
    assert spanish_home["body"][-1] == english["body"][-1]
    targets = [(cta["value"]["page"], cta["value"]["url"]) for cta in english["calls_to_action"]]
    assert [
        (cta["value"]["page"], cta["value"]["url"]) for cta in spanish_home["calls_to_action"]
    ] == targets
    assert [target for *_, target in spanish.CALLS_TO_ACTION] == [
        target for *_, target in home_page.CALLS_TO_ACTION
    ]


@pytest.mark.parametrize(("name", "english", "spanish_page"), PAIRS, ids=PAIR_IDS)
def test_every_number_of_the_english_text_is_in_the_spanish_text(name, english, spanish_page):
    spanish_text = " ".join(_plain(text) for text in _texts(spanish_page))
    spanish_numbers = set(re.findall(r"\d+", spanish_text))
    # An empty Spanish text has no Spanish version: the English one is shown.
    english_numbers = {
        number
        for text, translated in zip(_texts(english), _texts(spanish_page), strict=True)
        if translated
        for number in re.findall(r"\d+", _plain(text))
    }
    assert english_numbers <= spanish_numbers, english_numbers - spanish_numbers


@pytest.mark.parametrize(("name", "english", "spanish_page"), PAIRS, ids=PAIR_IDS)
def test_no_english_text_is_left_untranslated(name, english, spanish_page):
    for english_text, spanish_text in zip(_texts(english), _texts(spanish_page), strict=True):
        if english_text not in KEPT_IN_ENGLISH and len(english_text.split()) > 1:
            assert spanish_text != english_text, f"untranslated: {english_text!r}"
    spanish_text = " ".join(_plain(text) for text in _texts(spanish_page))
    for text in _texts(english):
        if text in KEPT_IN_ENGLISH:
            continue
        for sentence in re.split(r"(?<=[.:;?!])\s+", _plain(text)):
            words = sentence.split()
            if len(words) >= 4 and sentence.strip() not in KEPT_IN_ENGLISH:
                assert sentence.strip() not in spanish_text, f"untranslated: {sentence!r}"


def test_the_spanish_texts_are_spanish():
    spanish_text = " ".join(_plain(text) for _, _, page in PAIRS for text in _texts(page))
    for word in ["usted", "policía", "días", "¿Qué es LEAD?", "información"]:
        assert word in spanish_text


def test_the_spanish_explainers_keep_the_english_slugs_and_page_settings():
    english = dict(explainers.EXPLAINERS)
    for slug, page in spanish.EXPLAINERS.items():
        for key in ["show_in_menus", "last_reviewed"]:
            assert page[key] == english[slug][key]
    assert spanish.EXPLAINERS["what-is-lead"]["title"] == "¿Qué es LEAD?"
    assert spanish.EXPLAINERS["your-rights"]["title"] == "Sus derechos"


def test_the_spanish_privacy_notice_keeps_the_english_page_settings():
    english, spanish_notice = help_pages.privacy(), spanish.privacy()
    for key in ["comments_open", "show_in_menus", "last_reviewed"]:
        assert spanish_notice[key] == english[key]
    assert spanish_notice["title"] == "Aviso de privacidad"
    assert "csrftoken" in " ".join(_texts(spanish_notice))


def _notice_text():
    return " ".join(_plain(text) for text in _texts(spanish.privacy()))


@override_settings(
    FEEDBACK_CONTACT_RETENTION_DAYS=120,
    FEEDBACK_REJECTED_TEXT_RETENTION_DAYS=45,
    AXES_COOLOFF_TIME=2,
    SESSION_COOKIE_AGE=4 * 3600,
)
def test_the_spanish_privacy_notice_states_the_periods_of_the_settings():
    text = _notice_text()
    assert "Se borran 120 días después de que usted los envíe" in text
    assert "sus palabras se borran 45 días después de la decisión del moderador" in text
    assert "se borran 45 días después de la decisión." in text
    assert "se guardan durante 2 horas" in text
    assert "termina después de 4 horas" in text


@override_settings(
    FEEDBACK_CONTACT_RETENTION_DAYS=1,
    FEEDBACK_REJECTED_TEXT_RETENTION_DAYS=1,
    AXES_COOLOFF_TIME=1,
    SESSION_COOKIE_AGE=3600,
)
def test_the_spanish_privacy_notice_says_one_period_in_the_singular():
    text = _notice_text()
    assert "Se borran 1 día después" in text
    assert "sus palabras se borran 1 día después" in text
    assert "se guardan durante 1 hora," in text
    assert "termina después de 1 hora." in text
    assert "1 días" not in text and "1 horas" not in text


def test_the_spanish_privacy_notice_changes_with_the_settings():
    with override_settings(FEEDBACK_CONTACT_RETENTION_DAYS=30):
        shorter = _notice_text()
    with override_settings(FEEDBACK_CONTACT_RETENTION_DAYS=365):
        longer = _notice_text()
    assert shorter != longer
    assert "Se borran 30 días" in shorter and "Se borran 365 días" in longer


def _max_length(model, name):
    try:
        return model._meta.get_field(name).max_length
    except FieldDoesNotExist:
        return None


MODELS_AND_FIELDS = [
    ("home", HomePage, spanish.FIELDS),
    *((path, model, fields) for path, model, _english, fields in SPANISH_PAGES),
]


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        *((model, fields) for _path, model, fields in MODELS_AND_FIELDS),
        (SiteSettings, spanish.SITE_SETTINGS),
    ],
    ids=[*(path for path, _model, _fields in MODELS_AND_FIELDS), "site-settings"],
)
def test_the_spanish_texts_fit_their_fields(model, fields):
    for name, value in fields.items():
        limit = _max_length(model, name)
        if limit and isinstance(value, str):
            assert len(value) <= limit, name


@pytest.mark.parametrize(
    ("model", "fields"),
    [(model, fields) for _path, model, fields in MODELS_AND_FIELDS],
    ids=[path for path, _model, _fields in MODELS_AND_FIELDS],
)
def test_the_spanish_stream_fields_are_valid_stream_data(model, fields):
    stream_fields = [
        name for name in fields if hasattr(model._meta.get_field(name), "stream_block")
    ]
    for name in stream_fields:
        block = model._meta.get_field(name).stream_block
        # A chart block names its chart by title until the demo is built (the demo build
        # saves every page, validating the charts it resolves).
        value = [item for item in fields[name] if item.get("type") != "chart"]
        block.clean(block.to_python(value))


def test_the_spanish_site_settings_fit_the_spanish_fields():
    for name, value in spanish.SITE_SETTINGS.items():
        limit = _max_length(SiteSettings, f"{name}_es")
        if name in TRANSLATED_FIELDS and limit:
            assert len(value) <= limit, name
    assert set(TRANSLATED_FIELDS) <= set(spanish.SITE_SETTINGS)
    partner = SiteSettings._meta.get_field("partners").stream_block.child_blocks["partner"]
    for item in spanish.SITE_SETTINGS["partners"]:
        assert item["value"]["role"]
        assert len(item["value"]["role"]) <= partner.child_blocks["role_es"].field.max_length


def test_the_spanish_calls_to_action_fit_their_blocks():
    cta = HomePage._meta.get_field("calls_to_action").stream_block.child_blocks["call_to_action"]
    for label, description, _ in spanish.CALLS_TO_ACTION:
        assert len(label) <= cta.child_blocks["label"].field.max_length
        assert len(description) <= cta.child_blocks["description"].field.max_length
