"""The Spanish interface text: every string the code marks is in locale/es, translated,
compiled, and shown to a reader of the Spanish site; staff emails stay in English."""

import datetime
import hashlib
import os
import re
import shutil

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

CATALOGUE = settings.BASE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOGUE.with_suffix(".mo")
EXTRACT_IGNORE = [".venv", "node_modules"]  # as docs/i18n.md runs makemessages
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")
TAG = re.compile(r"</?([a-zA-Z][\w-]*)")


def catalogue():
    return polib.pofile(str(CATALOGUE))


def label(entry):
    return f"{entry.msgctxt} | {entry.msgid}" if entry.msgctxt else entry.msgid


def test_the_catalogue_is_spanish_with_two_plural_forms():
    metadata = catalogue().metadata
    assert metadata["Language"] == "es"
    assert metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert metadata["Content-Type"] == "text/plain; charset=UTF-8"


def test_every_entry_is_translated_and_none_is_fuzzy():
    po = catalogue()
    assert not po.metadata_is_fuzzy
    assert [label(entry) for entry in po.untranslated_entries()] == []
    assert [label(entry) for entry in po.fuzzy_entries()] == []
    assert [label(entry) for entry in po.obsolete_entries()] == []
    for entry in po:
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1], label(entry)
            assert all(entry.msgstr_plural.values()), label(entry)


def test_translations_keep_every_placeholder_and_tag():
    problems = []
    for entry in catalogue():
        if entry.msgid_plural:
            pairs = [
                (entry.msgid, entry.msgstr_plural[0]),
                (entry.msgid_plural, entry.msgstr_plural[1]),
            ]
            allowed = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
        else:
            pairs = [(entry.msgid, entry.msgstr)]
            allowed = set(PLACEHOLDER.findall(entry.msgid))
        for source, translated in pairs:
            if set(PLACEHOLDER.findall(source)) - set(PLACEHOLDER.findall(translated)):
                problems.append(f"placeholder lost: {label(entry)!r} -> {translated!r}")
            if set(PLACEHOLDER.findall(translated)) - allowed:
                problems.append(f"unknown placeholder: {label(entry)!r} -> {translated!r}")
            if sorted(TAG.findall(source)) != sorted(TAG.findall(translated)):
                problems.append(f"markup changed: {label(entry)!r} -> {translated!r}")
    assert problems == []


def test_the_compiled_catalogue_is_not_older_than_its_source():
    assert COMPILED.exists(), "locale/es has no django.mo: run `make install` (or `make messages`)"
    assert COMPILED.stat().st_mtime >= CATALOGUE.stat().st_mtime, (
        "locale/es/LC_MESSAGES/django.mo is older than django.po: run `make messages`"
    )


def _source_files_only(folder, names):
    """What shutil.copytree leaves out: what makemessages ignores, and every file it does
    not read (it reads .py, .html and .txt for the django domain)."""
    return [
        name
        for name in names
        if name.startswith(".")
        or name in EXTRACT_IGNORE
        or (
            not os.path.isdir(os.path.join(folder, name))
            and os.path.splitext(name)[1] not in {".py", ".html", ".txt"}
        )
    ]


@pytest.fixture
def fresh_catalogue(tmp_path, monkeypatch):
    """The Spanish catalogue makemessages extracts from the code as it is now, made in a
    copy of the project's source files: the committed catalogue is never touched, and the
    work files makemessages writes beside each template never land in the project (where
    the SQLite and PostgreSQL runs of `make test` would race on them)."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI"):
            pytest.fail("xgettext (gettext) is required in CI")
        pytest.skip("xgettext not installed (apt-get install gettext)")
    copy = tmp_path / "project"
    copy.mkdir()
    for entry in settings.BASE_DIR.iterdir():
        if entry.is_dir() and not entry.name.startswith(".") and entry.name != "locale":
            if entry.name not in EXTRACT_IGNORE:
                shutil.copytree(entry, copy / entry.name, ignore=_source_files_only)
        elif entry.suffix == ".py":
            shutil.copy(entry, copy / entry.name)
    (copy / "locale").mkdir()
    before = hashlib.sha256(CATALOGUE.read_bytes()).hexdigest()
    monkeypatch.chdir(copy)
    call_command(
        "makemessages",
        locale=["es"],
        ignore_patterns=EXTRACT_IGNORE,
        no_obsolete=True,
        verbosity=0,
    )
    assert hashlib.sha256(CATALOGUE.read_bytes()).hexdigest() == before
    return polib.pofile(str(copy / "locale" / "es" / "LC_MESSAGES" / "django.po"))


def test_every_string_marked_in_the_code_is_in_the_catalogue(fresh_catalogue):
    committed = {(entry.msgctxt, entry.msgid, entry.msgid_plural) for entry in catalogue()}
    assert len(fresh_catalogue) > 500  # the extraction found the code
    missing = [
        label(entry)
        for entry in fresh_catalogue
        if (entry.msgctxt, entry.msgid, entry.msgid_plural) not in committed
    ]
    assert missing == [], "run makemessages and translate these (docs/i18n.md)"


@pytest.mark.django_db
def test_the_feedback_form_explains_errors_in_spanish():
    from feedback.reports.forms import ReportForm

    with translation.override("es"):
        form = ReportForm(data={})
        assert not form.is_valid()
        assert form.errors["interaction_date"] == ["Escriba la fecha de la interacción."]
        assert form.errors["account"] == ["Cuéntenos con palabras lo que pasó."]
        # Read when shown, not when the module was imported.
        assert str(form.fields["account"].help_text).startswith("Con sus propias palabras.")
    assert str(ReportForm().fields["account"].help_text).startswith("In your own words.")


def test_plural_forms_follow_the_count():
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} comment"
        "{% plural %}{{ counter }} comments{% endblocktranslate %}"
    )
    with translation.override("es"):
        rendered = [template.render(Context({"n": n})) for n in (0, 1, 2, 1_000_000)]
    assert rendered == ["0 comentarios", "1 comentario", "2 comentarios", "1000000 comentarios"]


def test_dates_read_as_spanish_dates():
    template = Template('{{ day|date:_("j F Y") }} · {{ day|date:_("F Y") }}')
    day = datetime.date(2026, 11, 28)
    assert template.render(Context({"day": day})) == "28 November 2026 · November 2026"
    with translation.override("es"):
        rendered = template.render(Context({"day": day}))
    assert rendered == "28 de noviembre de 2026 · noviembre de 2026"


def test_a_missing_spanish_page_says_so_in_spanish(client, home):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "No encontramos esa página" in html
    assert "Saltar al contenido principal" in html


def test_the_error_page_that_needs_no_database_speaks_spanish_too():
    with translation.override("es"):
        html = render_to_string("500.html")
    assert '<html lang="es">' in html
    assert "Lo sentimos, algo salió mal de nuestro lado" in html
    assert '<html lang="en">' in render_to_string("500.html")


def test_the_english_site_is_unchanged(client, home):
    html = client.get("/no-such-page/").content.decode()
    assert "We can’t find that page" in html
    html = client.get("/search/").content.decode()
    assert '<button class="button" type="submit">Search</button>' in html


def test_spanish_charts_write_the_numbers_in_spanish_and_the_downloads_as_published(
    client, referrals
):
    from publicdata.models import Chart, ChartKind

    chart = Chart.objects.create(
        dataset=referrals,
        title="Enrolment rate",
        summary="Most people referred enrolled.",
        kind=ChartKind.KEY_FIGURE,
        y_fields="enrolment_rate",
        filters="month=2017-02\nreferral_type=Total",
    )
    html = client.get(f"/es/embed/charts/{chart.pk}/").content.decode()
    assert "Descargar los números" in html
    assert '<span class="chart__number">82,2\xa0%</span>' in html
    assert "0,822" not in html and "0.822" not in html
    assert "0.822" in client.get(f"/es/embed/charts/{chart.pk}.csv").content.decode()


def test_spanish_search_page_has_spanish_labels_and_button(client, home):
    html = client.get("/es/search/?query=vivienda").content.decode()
    assert '<button class="button" type="submit">Buscar</button>' in html
    assert "¿Qué está buscando?" in html
    assert "0 resultados para “vivienda”" in html


@pytest.mark.django_db
def test_moderators_are_emailed_in_english_whatever_the_residents_language(admin_user):
    from feedback.reports.submission import notify_moderators
    from tests.factories import ReportFactory

    report = ReportFactory()
    with translation.override("es"):
        notify_moderators([report])
        assert translation.get_language() == "es"
    (email,) = mail.outbox
    assert email.subject == f"New resident report {report.display_code} waiting for review"
    assert "(Stopped or questioned, Seton Hill)" in email.body
    assert "This email holds none of the resident's words or contact details." in email.body
