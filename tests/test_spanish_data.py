"""Datasets and charts read in Spanish under /es/: their titles, descriptions, column
titles, value names, axis labels and notes as staff wrote them in Spanish, the English
where nobody did (marked lang="en"), and the data files as published."""

import json
import re

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from taggit.models import Tag
from wagtail.models import Locale
from wagtail_localize.synctree import synchronize_tree

from feedback import resident_dataset
from feedback.models import InteractionType
from publicdata.charts import chart_context
from publicdata.models import Chart, ChartKind, Dataset, FieldSpec, TagName
from tests.factories import CommentFactory, ReportFactory
from tests.publicdata_helpers import referrals  # noqa: F401 (fixture)
from tests.test_chart_admin import ADD_URL, chart_form

SPANISH_DATASET = {
    "title_es": "Derivaciones e inscripciones por mes",
    "summary_es": "Personas derivadas a LEAD e inscritas, por mes y tipo de derivación.",
    "methodology_es": "<p>Contadas de los registros de casos el primero de cada mes.</p>",
    "source_es": "Administración de casos de LEAD Baltimore",
    "spatial_coverage_es": "Zona piloto, Baltimore, Maryland",
}


@pytest.fixture
def spanish_referrals(referrals):  # noqa: F811 (fixture)
    for name, value in SPANISH_DATASET.items():
        setattr(referrals, name, value)
    referrals.save()
    referral_type = referrals.fields.get(name="referral_type")
    referral_type.title_es = "Tipo de derivación"
    referral_type.description_es = "Cómo llegó la persona a LEAD."
    referral_type.values_es = (
        "Arrest diversion | Desvío de un arresto\nSocial contact | Contacto social"
    )
    referral_type.save()
    referrals.fields.filter(name="referrals").update(title_es="Derivaciones")
    return referrals


@pytest.fixture
def by_type(spanish_referrals):
    return Chart.objects.create(
        title="Referrals by type",
        title_es="Derivaciones por tipo",
        summary="Most referrals were arrest diversions.",
        summary_es="La mayoría de las derivaciones fueron desvíos de un arresto.",
        dataset=spanish_referrals,
        kind=ChartKind.STACKED_BAR,
        x_field="month",
        y_fields="referrals",
        series_field="referral_type",
        filters="referral_type=Arrest diversion\nreferral_type=Social contact",
        x_label="Month",
        x_label_es="Mes",
        y_label="People referred",
        y_label_es="Personas derivadas",
        unit="people",
        unit_es="personas",
        annotations="2017-02 | Pilot starts",
        annotations_es="2017-02 | Comienza el piloto",
    )


def _figure(chart, language):
    with translation.override(language):
        return chart_context(chart)


def test_the_dataset_page_in_spanish_shows_the_spanish_texts(client, spanish_referrals):
    html = client.get("/es/data/referrals/").content.decode()
    for value in SPANISH_DATASET.values():
        assert value in html
    assert f"<title>{SPANISH_DATASET['title_es']}" in html
    assert "Tipo de derivación" in html
    # The column nobody translated, and its description, say they are English.
    assert '<strong lang="en">Enrolled</strong>' in html
    assert "<br><span>Cómo llegó la persona a LEAD.</span>" in html
    # Values keep the name the data uses, with the Spanish name first.
    assert 'Desvío de un arresto (<span lang="en">Arrest diversion</span>)' in html
    # Keywords and release notes nobody has named in Spanish say they are English.
    assert '<a href="/es/data/?keyword=referrals"><span lang="en">referrals</span></a>' in html
    assert '<p lang="en">Corrected February' in html


def test_a_text_nobody_translated_is_shown_in_english_marked_as_english(client, spanish_referrals):
    html = client.get("/es/data/referrals/").content.decode()
    # The description has no Spanish: the English one, with lang="en" on its block.
    assert re.search(r'<div class="rich-text" lang="en">\s*<p>Referrals made by officers', html), (
        html[html.find('id="about"') :][:1500]
    )
    assert 'lang="en">Contadas' not in html


def test_the_english_dataset_page_is_unchanged(client, spanish_referrals):
    html = client.get("/data/referrals/").content.decode()
    assert "Referrals and enrolments by month" in html
    assert SPANISH_DATASET["title_es"] not in html
    assert "Desvío de un arresto" not in html
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'lang="en"' not in main


def test_the_catalogue_in_spanish_lists_and_finds_datasets_by_their_spanish_words(
    client, spanish_referrals
):
    html = client.get("/es/data/").content.decode()
    assert SPANISH_DATASET["title_es"] in html
    assert SPANISH_DATASET["summary_es"] in html
    found = client.get("/es/data/", {"q": "inscripciones"}).content.decode()
    assert SPANISH_DATASET["title_es"] in found
    assert "/es/data/referrals/" in found


def test_a_chart_in_spanish_has_spanish_titles_labels_legend_and_notes(by_type):
    context = _figure(by_type, "es")
    figure = context["figure_json"]
    assert context["chart"].title == "Derivaciones por tipo"
    assert [trace["name"] for trace in figure["data"]] == [
        "Desvío de un arresto",
        "Contacto social",
    ]
    layout = figure["layout"]
    assert layout["xaxis"]["title"]["text"] == "Mes"
    assert layout["yaxis"]["title"]["text"] == "Personas derivadas (personas)"
    assert [note["text"] for note in layout["annotations"] if note.get("x") == "2017-02"] == [
        "Comienza el piloto"
    ]
    assert context["built"]["table"]["header"] == [
        "Month",
        "Desvío de un arresto",
        "Contacto social",
    ]


def test_the_same_chart_in_english_is_unchanged(by_type):
    figure = _figure(by_type, "en")["figure_json"]
    assert [trace["name"] for trace in figure["data"]] == ["Arrest diversion", "Social contact"]
    assert figure["layout"]["yaxis"]["title"]["text"] == "People referred (people)"
    assert "Pilot starts" in json.dumps(figure["layout"]["annotations"])


def test_x_values_with_spanish_names_are_named_in_spanish(spanish_referrals):
    chart = Chart.objects.create(
        title="Referrals in January by type",
        summary="Arrest diversions outnumbered social contacts.",
        dataset=spanish_referrals,
        kind=ChartKind.BAR,
        x_field="referral_type",
        y_fields="referrals",
        filters="month=2017-01\nreferral_type=Arrest diversion\nreferral_type=Total",
    )
    context = _figure(chart, "es")
    assert context["figure_json"]["data"][0]["x"] == ["Desvío de un arresto", "Total"]
    assert [row[0]["value"] for row in context["built"]["table"]["rows"]] == [
        "Desvío de un arresto",
        "Total",
    ]
    # The chart's CSV keeps the values of the data.
    assert "Arrest diversion" in context["built"]["csv"]
    assert "Desvío" not in context["built"]["csv"]


def test_a_column_name_changed_in_spanish_shows_on_the_next_drawing(by_type, spanish_referrals):
    assert "Contacto social" in json.dumps(_figure(by_type, "es")["figure_json"]["data"])
    column = spanish_referrals.fields.get(name="referral_type")
    column.values_es = (
        "Arrest diversion | Desvío de un arresto\nSocial contact | Contacto en la calle"
    )
    column.save()
    spanish_referrals.save()  # the admin saves the dataset with its columns
    names = [trace["name"] for trace in _figure(by_type, "es")["figure_json"]["data"]]
    assert names == ["Desvío de un arresto", "Contacto en la calle"]


def _column_reads(captured):
    table = f'FROM "{FieldSpec._meta.db_table}"'
    return [query for query in captured.captured_queries if table in query["sql"]]


def test_the_spanish_dataset_page_reads_its_columns_once(client, spanish_referrals, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/es/data/referrals/").status_code == 200
    assert len(_column_reads(captured)) == 1


def test_a_chart_in_spanish_reads_its_columns_once(by_type):
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        _figure(by_type, "es")
    assert len(_column_reads(captured)) == 1


def test_the_chart_embed_page_in_spanish(client, by_type):
    html = client.get(f"/es/embed/charts/{by_type.pk}/").content.decode()
    assert "<title>Derivaciones por tipo |" in html
    assert 'content="La mayoría de las derivaciones fueron desvíos de un arresto."' in html
    assert "Derivaciones e inscripciones por mes" in html  # the source dataset's title


def test_the_downloads_stay_as_published(client, spanish_referrals):
    response = client.get("/es/data/referrals/download.csv")
    csv_text = b"".join(response.streaming_content).decode()
    assert "Arrest diversion" in csv_text
    assert "Desvío" not in csv_text


def test_spanish_notes_must_sit_where_the_english_ones_do(by_type):
    by_type.annotations_es = "2017-01 | Comienza el piloto"
    with pytest.raises(ValidationError) as error:
        by_type.full_clean()
    assert "at the same x values: 2017-02" in str(error.value.message_dict["annotations_es"])
    by_type.annotations_es = "Comienza el piloto"
    with pytest.raises(ValidationError) as error:
        by_type.full_clean()
    assert "is not in the form x value | text" in str(error.value.message_dict["annotations_es"])


@pytest.mark.parametrize(
    ("values_es", "message"),
    [
        ("Jail | Cárcel", "“Jail” is not one of the values: Arrest diversion, Social contact"),
        ("Arrest diversion", "is not in the form value | nombre"),
        ("Arrest diversion | ", "is not in the form value | nombre"),
    ],
)
def test_spanish_value_names_must_name_values_of_the_column(spanish_referrals, values_es, message):
    column = spanish_referrals.fields.get(name="referral_type")
    column.values_es = values_es
    with pytest.raises(ValidationError) as error:
        column.full_clean()
    assert message in str(error.value.message_dict["values_es"])


def test_the_resident_dataset_and_its_trend_charts_read_in_spanish(client, feedback_page):
    synchronize_tree(Locale.objects.get(language_code="en"), Locale.objects.get(language_code="es"))
    for _ in range(12):
        ReportFactory(status="published", public_text="Public text.", rating_respect=4)
    resident_dataset.refresh()
    html = client.get("/es/feedback/published/").content.decode()
    trends = html.split('id="trends-heading"', 1)[1].split('id="reports-heading"', 1)[0]
    assert "Reportes cada mes" in trends
    assert "Cómo calificaron los residentes a los agentes, mes por mes" in trends
    assert "Lo que nos contaron los residentes" in trends  # the link to the dataset
    assert "Reports each month" not in trends
    page = client.get(f"/es/data/{resident_dataset.SLUG}/").content.decode()
    assert '<h1 class="page-header__title">Lo que nos contaron los residentes</h1>' in page
    # Kinds of interaction named as on the Spanish feedback form, the data's value beside.
    with translation.override("es"):
        arrested = str(InteractionType.ARRESTED.label)
    assert f'{arrested} (<span lang="en">Arrested or cited</span>)' in page
    assert 'lang="en"' not in page.split('id="dictionary"', 1)[1].split("</table>", 1)[0].replace(
        '<span lang="en">', ""
    )


def test_a_resident_dataset_made_before_the_spanish_texts_gets_them(feedback_page):
    dataset = resident_dataset.ensure_dataset()
    Dataset.objects.filter(pk=dataset.pk).update(
        **{f"{name}_es": "" for name in Dataset.TRANSLATED_FIELDS}
    )
    FieldSpec.objects.filter(dataset=dataset).update(title_es="", values_es="")
    resident_dataset.ensure_dataset()
    dataset.refresh_from_db()
    assert dataset.title_es and dataset.summary_es and dataset.description_es
    assert not FieldSpec.objects.filter(dataset=dataset, title_es="").exists()
    # Staff's own Spanish wording is kept.
    Dataset.objects.filter(pk=dataset.pk).update(title_es="Voces del vecindario")
    resident_dataset.ensure_dataset()
    dataset.refresh_from_db()
    assert dataset.title_es == "Voces del vecindario"


def test_an_editor_writes_a_chart_in_spanish_in_the_admin(admin_client, spanish_referrals):
    spanish = {
        "title_es": "Derivaciones cada mes",
        "summary_es": "Las derivaciones subieron de enero a febrero.",
        "y_label_es": "Personas",
        "annotations_es": "2017-02 | Comienza el piloto",
    }
    form = chart_form(spanish_referrals, **spanish)
    refused = admin_client.post(ADD_URL, {**form, "annotations_es": "2017-03 | Comienza"})
    assert refused.status_code == 200
    assert "at the same x values: 2017-02" in refused.content.decode()
    assert not Chart.objects.exists()
    assert admin_client.post(ADD_URL, form).status_code == 302
    chart = Chart.objects.get()
    assert {name: getattr(chart, name) for name in spanish} == spanish
    edit = admin_client.get(f"/admin/snippets/publicdata/chart/edit/{chart.pk}/").content.decode()
    assert 'name="title_es"' in edit and "Derivaciones cada mes" in edit
    embed = admin_client.get(f"/es/embed/charts/{chart.pk}/").content.decode()
    assert "Derivaciones cada mes" in embed and "Comienza el piloto" in embed, embed[-3000:]


def test_residents_words_say_the_language_they_were_written_in(client, feedback_page):
    synchronize_tree(Locale.objects.get(language_code="en"), Locale.objects.get(language_code="es"))
    ReportFactory(status="published", public_text="Me trataron con respeto.", language="es")
    ReportFactory(
        status="published",
        public_text="They were polite.",
        language="en",
        official_response="Thank you for telling us.",
    )
    for path in ["/feedback/published/", "/es/feedback/published/"]:
        html = client.get(path).content.decode()
        assert '<blockquote class="report__text" lang="es"><p>Me trataron' in html, path
        assert '<blockquote class="report__text" lang="en"><p>They were polite.' in html, path
    spanish_page = client.get("/es/feedback/published/").content.decode()
    assert '<div lang="en"><p>Thank you for telling us.</p></div>' in spanish_page
    assert '<div lang="en">' not in client.get("/feedback/published/").content.decode()


def test_a_comment_says_the_language_it_was_written_in(client, explainer):
    CommentFactory(page=explainer, public_text="Muy útil, gracias.", language="es")
    CommentFactory(page=explainer, public_text="Very useful.", language="en")
    html = client.get(explainer.url).content.decode()
    assert '<div class="comment__text" lang="es"><p>Muy útil, gracias.</p></div>' in html
    assert '<div class="comment__text" lang="en"><p>Very useful.</p></div>' in html


def _named_in_spanish(tag_name, spanish_name):
    return TagName.objects.create(tag=Tag.objects.get(name=tag_name), name_es=spanish_name)


def test_keywords_release_notes_and_publisher_read_in_spanish_where_staff_wrote_them(
    client, spanish_referrals
):
    # Shown once before any Spanish name is given: the pages follow the change.
    assert "derivaciones</a>" not in client.get("/es/data/referrals/").content.decode()
    _named_in_spanish("referrals", "derivaciones")
    release = spanish_referrals.releases.get(version=2)
    release.change_note_es = "Corrige los contactos sociales de febrero."
    release.save()
    spanish_referrals.publisher_es = "Socios de LEAD Baltimore"
    spanish_referrals.save()
    html = client.get("/es/data/referrals/").content.decode()
    assert '<a href="/es/data/?keyword=referrals">derivaciones</a>' in html
    # A keyword nobody named in Spanish is still shown, marked as English.
    assert '<a href="/es/data/?keyword=enrolment"><span lang="en">enrolment</span></a>' in html
    assert "<p>Corrige los contactos sociales de febrero.</p>" in html
    assert '<p lang="en">Corrected February' not in html
    assert "<dd>Socios de LEAD Baltimore</dd>" in html
    catalogue = client.get("/es/data/?keyword=referrals").content.decode()
    assert 'aria-current="true" href="?keyword=referrals">derivaciones</a>' in catalogue
    assert "con la palabra clave “derivaciones”" in catalogue
    # English pages and the data as published keep the English names.
    english = client.get("/data/referrals/").content.decode()
    assert "derivaciones" not in english and "Socios de LEAD" not in english
    assert ">referrals</a>" in english and "Corrected February" in english
    catalogue_json = client.get("/data.json").json()
    (entry,) = [item for item in catalogue_json["dataset"] if "referrals" in item["identifier"]]
    assert "referrals" in entry["keyword"] and "derivaciones" not in entry["keyword"]


def test_report_topics_read_in_spanish_where_staff_named_them(client, feedback_page):
    synchronize_tree(Locale.objects.get(language_code="en"), Locale.objects.get(language_code="es"))
    report = ReportFactory(status="published", public_text="They were polite.", language="en")
    report.tags.add("arrested", "called for help")
    _named_in_spanish("arrested", "arresto")
    html = client.get("/es/feedback/published/").content.decode()
    assert 'href="?tag=arrested">arresto</a>' in html
    assert 'href="?tag=called-for-help"><span lang="en">called for help</span></a>' in html
    # The topic filter offers the Spanish names.
    topics = html.split('id="filter-tag"', 1)[1].split("</select>", 1)[0]
    assert '<option value="arrested">arresto</option>' in topics
    english = client.get("/feedback/published/").content.decode()
    assert 'href="?tag=arrested">arrested</a>' in english and "arresto" not in english


def test_staff_name_a_tag_in_spanish_in_the_admin(admin_client, client, spanish_referrals):
    assert admin_client.get("/admin/open-data/tag-names/").status_code == 200
    tag = Tag.objects.get(name="enrolment")
    response = admin_client.post(
        "/admin/open-data/tag-names/new/", {"tag": str(tag.pk), "name_es": "inscripción"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert TagName.objects.get(tag=tag).name_es == "inscripción"
    html = client.get("/es/data/referrals/").content.decode()
    assert '<a href="/es/data/?keyword=enrolment">inscripción</a>' in html
