"""A Spanish-speaking resident reads Spanish on every /es/ page of the demo site: no word of
English is shown outside what is marked ``lang="en"`` (a name or a title kept in English,
data as published, a page nobody has translated).

The demo site is built once for the module and every /es/ page reachable from /es/ is
read, with the pages a resident reaches by sending the forms (a report, a status lookup,
a form with mistakes). What counts as English is not a list written by hand: it is every
word of the English message catalogue and of the English demo pages (the same pages at
their English addresses) that is not also a word of the Spanish catalogue or of the
Spanish demo texts. Left out, as words of no language: code, addresses (web, email, file
names), numbers and acronyms.
"""

import collections
import html
import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import polib
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation

from feedback import resident_dataset_spanish
from feedback.demo_reports import TOPIC_NAMES
from feedback.models import Neighbourhood
from home.demo import build, spanish, spanish_pages
from publicdata import demo_spanish
from tests.feedback_helpers import days_from_today, receipt_code, report_data

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"
# Files and machine addresses under /es/: data, not pages.
NOT_PAGES = re.compile(r"\.(csv|json|xlsx|zip|atom|xml|txt)(\?|$)|/download\.")
MOST_PAGES = 400
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A chunk of text that is an address or a name for machines: a web address, an email
# address, a file or column name (letters joined by . / @ or _).
MACHINE_WORD = re.compile(r"https?://|www\.|@|[^\W_][./_][^\W_]")
# Elements whose text is code or data for machines, not words in a language.
NOT_LANGUAGE = {"script", "style", "template", "code", "pre", "kbd", "samp", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
SPOKEN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")


class ShownText(HTMLParser):
    """The text a reader sees or hears, split into what is marked as English
    (``lang="en"`` on the element or an ancestor) and the rest."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []  # (tag, lang or None)
        self.english, self.other = [], []

    def _lang(self):
        return next((lang for _, lang in reversed(self.open) if lang), "")

    def _put(self, text, lang):
        (self.english if lang.split("-")[0] == "en" else self.other).append(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang") or self._lang()
        if not any(name in NOT_LANGUAGE for name, _ in self.open):
            for name in SPOKEN_ATTRIBUTES:
                if attrs.get(name):
                    self._put(attrs[name], lang)
        if tag not in VOID:
            self.open.append((tag, attrs.get("lang")))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        if not any(name in NOT_LANGUAGE for name, _ in self.open):
            self._put(data, self._lang())


def shown(page_html):
    """(text outside lang="en", text marked lang="en") of a page."""
    parser = ShownText()
    parser.feed(page_html)
    return " ".join(parser.other), " ".join(parser.english)


def words(text):
    """The words of a text, as written: machine words, numbers and acronyms left out."""
    chunks = [chunk for chunk in html.unescape(text).split() if not MACHINE_WORD.search(chunk)]
    found = WORD.findall(" ".join(chunks))
    return [word for word in found if len(word) > 1 and not word.isupper()]


def vocabulary(texts):
    return {word.casefold() for text in texts for word in words(text)}


def names_and_words(texts):
    """(words written with a capital, as written; other words, in lower case) of texts: a
    word a Spanish text writes only with a capital is a name (a street, a neighbourhood, a
    person), which stays as it is in every language."""
    names, lower = set(), set()
    for text in texts:
        for word in words(text):
            if word[0].isupper():
                names.add(word)
            else:
                lower.add(word.casefold())
    return names, lower


def without_english(text):
    """A Spanish demo text without its words marked as English, and without tags."""
    text = re.sub(r'<span lang="en">.*?</span>', " ", text, flags=re.S)
    return re.sub(r"<[^>]+>", " ", text)


# Values that mark a structure (a block type, a link target, a chart's title) rather than
# say something.
STRUCTURAL_KEYS = {"type", "level", "tone", "heading_level", "chart", "url", "source_url"}


def texts_of(value, key=None):
    if isinstance(value, str):
        if key not in STRUCTURAL_KEYS and not value.startswith("chart-ref:"):
            yield value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from texts_of(item, name)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts_of(item)


def spanish_demo_texts():
    """Every text the demo writes in Spanish (pages, settings, data, tags, notes)."""
    with translation.override("es"):
        columns = resident_dataset_spanish.columns("All")
    return [
        without_english(text)
        for text in texts_of(
            [
                spanish.FIELDS,
                [(label, description) for label, description, _target in spanish.CALLS_TO_ACTION],
                spanish.SITE_SETTINGS,
                build.spanish_texts(),
                spanish_pages.TAGS,
                demo_spanish.CHARTS,
                demo_spanish.DATASETS,
                demo_spanish.TAG_NAMES,
                demo_spanish.RELEASE_NOTES,
                demo_spanish.PUBLISHERS,
                resident_dataset_spanish.DATASET,
                resident_dataset_spanish.CHARTS,
                resident_dataset_spanish.RATING_TITLES,
                resident_dataset_spanish.KEYWORDS,
                columns,
                [resident_dataset_spanish.change_note(count) for count in (1, 2)],
                TOPIC_NAMES,
            ]
        )
    ]


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{[\w.]+\}")


def catalogue():
    """(English texts, Spanish texts) of the message catalogue, without placeholders."""
    english, spanish_texts = [], []
    for entry in polib.pofile(str(CATALOGUE)):
        english += [entry.msgid, entry.msgid_plural or ""]
        spanish_texts += [entry.msgstr, *entry.msgstr_plural.values()]
    return [PLACEHOLDER.sub(" ", text) for text in english], [
        PLACEHOLDER.sub(" ", text) for text in spanish_texts
    ]


def links(page_html, base):
    for href in re.findall(r'href="([^"#]+)', page_html):
        href = urljoin(base, html.unescape(href))
        parts = urlsplit(href)
        if parts.netloc in ("", "testserver") and parts.path.startswith("/es/"):
            address = parts.path + (f"?{parts.query}" if parts.query else "")
            if not NOT_PAGES.search(address):
                yield address


def english_address(page_html):
    """The same page in English, as the language switcher links it."""
    match = re.search(r'<a [^>]*href="([^"]+)"[^>]*hreflang="en"', page_html)
    return html.unescape(match.group(1)) if match else None


def sent_forms(client):
    """The pages a resident reaches by sending a form in Spanish: the form with mistakes,
    the thank-you page with a receipt code, and the status of that report."""
    pages = {}
    place = Neighbourhood.objects.filter(active=True).first()
    mistakes = report_data(
        client, place, interaction_date="14 de marzo", account="", interaction_type=None
    )
    with_mistakes = client.post("/es/feedback/", mistakes)
    assert with_mistakes.status_code == 400
    pages["/es/feedback/ (with mistakes)"] = (with_mistakes, "/feedback/")
    data = report_data(client, place, interaction_date=days_from_today(-3))
    sent = client.post("/es/feedback/", data)
    pages["/es/feedback/ (sent)"] = (sent, "/feedback/")
    status = client.post("/es/feedback/status/", {"code": receipt_code(sent)})
    pages["/es/feedback/status/ (found)"] = (status, "/feedback/status/")
    return pages


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Every /es/ page of the demo, its text, and the English of the same pages."""
    client = Client()
    with (
        django_db_blocker.unblock(),
        transaction.atomic(),
        override_settings(FEEDBACK_MIN_FILL_SECONDS=0),
    ):
        call_command("load_demo_site", "--no-admin", stdout=StringIO())
        pages, english_pages = {}, {}
        waiting, seen = collections.deque(["/es/", "/es/no-such-page/"]), set()
        while waiting and len(seen) < MOST_PAGES:
            address = waiting.popleft()
            if address in seen:
                continue
            seen.add(address)
            response = client.get(address)
            if response.status_code not in (200, 404) or "text/html" not in response.get(
                "Content-Type", ""
            ):
                continue
            page_html = response.content.decode()
            pages[address] = page_html
            waiting.extend(links(page_html, address))
        for address, (response, english) in sent_forms(client).items():
            assert response.status_code in (200, 400), address
            pages[address] = response.content.decode()
            english_pages[address] = client.get(english).content.decode()
        for address, page_html in pages.items():
            # A page without the language switcher (a chart for other sites to frame) is
            # at the same address without /es.
            english = english_address(page_html) or address.removeprefix("/es")
            if address not in english_pages:
                english_pages[address] = client.get(english).content.decode()
        transaction.set_rollback(True)
    cache.clear()
    return {"pages": pages, "english": english_pages, "reached_all": not waiting}


@pytest.fixture(scope="module")
def languages(demo):
    """(English words, Spanish words, English-only words, names the Spanish texts use) from
    the catalogue and the demo."""
    catalogue_english, catalogue_spanish = catalogue()
    english_pages = [" ".join(shown(page_html)) for page_html in demo["english"].values()]
    english = vocabulary(catalogue_english + english_pages)
    names, demo_words = names_and_words(spanish_demo_texts())
    spanish_words = vocabulary(catalogue_spanish) | demo_words
    return english, spanish_words, english - spanish_words, names


def test_every_spanish_page_of_the_demo_is_read(demo):
    assert demo["reached_all"], f"more than {MOST_PAGES} pages under /es/"
    pages = demo["pages"]
    for expected in [
        "/es/",
        "/es/lead/faq/",
        "/es/privacy/",
        "/es/outcomes/",
        "/es/data/",
        "/es/data/seattle-lead-evaluation/",
        "/es/feedback/published/",
        "/es/feedback/status/",
        "/es/no-such-page/",
    ]:
        assert expected in pages, expected
    assert any(address.startswith("/es/flag/report/") for address in pages)
    assert any(address.startswith("/es/news/?tag=") for address in pages)
    assert any(address.startswith("/es/feedback/published/?") for address in pages)
    assert any(address.startswith("/es/embed/charts/") for address in pages)
    # Every page read in Spanish is compared with its English counterpart.
    assert demo["english"].keys() == pages.keys()


def test_the_words_checked_come_from_the_english_catalogue_and_demo(languages):
    english, spanish_words, english_only, names = languages
    # Words of English every English sentence needs, that no Spanish sentence uses.
    assert {"the", "and", "you", "your", "with", "report", "sample", "arrested"} <= english_only
    # Words both languages write, left out.
    assert {"no", "total", "legal", "social", "mental", "plan"} <= english & spanish_words


def test_the_spanish_demo_texts_mark_their_english(demo):
    """The Spanish demo texts give the words of Spanish besides the catalogue: none of the
    most common words of the English pages may be among them unmarked, or the check below
    would stop seeing them."""
    catalogue_spanish = vocabulary(catalogue()[1])
    _names, demo_spanish_words = names_and_words(spanish_demo_texts())
    counts = collections.Counter(
        word.casefold()
        for page_html in demo["english"].values()
        for word in words(" ".join(shown(page_html)))
    )
    common = [word for word, _ in counts.most_common() if word not in catalogue_spanish][:60]
    assert len(common) == 60
    assert not set(common) & demo_spanish_words, set(common) & demo_spanish_words


def test_no_spanish_page_shows_english_outside_what_is_marked_english(demo, languages):
    _, _, english_only, names = languages
    found = {}
    for address, page_html in demo["pages"].items():
        text, _marked = shown(page_html)
        english_words = sorted(
            {word for word in words(text) if word.casefold() in english_only and word not in names}
        )
        if english_words:
            found[address] = english_words
    assert found == {}, "\n".join(f"{address}: {found[address]}" for address in sorted(found))
