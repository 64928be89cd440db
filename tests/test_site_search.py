"""A resident searches the site and finds the explainer they need."""

import pytest

from tests.factories import ExplainerIndexPageFactory, ExplainerPageFactory, paragraph


@pytest.fixture
def explainers(home):
    lead = ExplainerIndexPageFactory(parent=home)
    rights = ExplainerPageFactory(
        parent=lead,
        title="Your rights",
        slug="your-rights",
        summary="Taking part is your choice.",
        body=[paragraph("You can decline and be processed as usual by the courts.")],
    )
    draft = ExplainerPageFactory(
        parent=lead,
        title="Unfinished courts draft",
        slug="draft",
        body=[paragraph("The courts draft is not public.")],
    )
    draft.unpublish()
    return {"rights": rights, "draft": draft}


def test_search_finds_an_explainer_by_words_in_its_body(client, explainers):
    response = client.get("/search/", {"query": "courts"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/lead/your-rights/">Your rights</a>' in html
    assert "Taking part is your choice." in html
    assert "1 result for" in html


def test_search_never_shows_unpublished_pages(client, explainers):
    html = client.get("/search/", {"query": "draft"}).content.decode()
    assert "Unfinished courts draft" not in html
    assert "0 results for" in html


def test_empty_search_shows_the_form_without_results(client, explainers):
    html = client.get("/search/").content.decode()
    assert 'id="search-query"' in html
    assert "results for" not in html


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert('x')</script>",
        "درباره حقوق من",  # right-to-left text
        "rights 🚓✊🏾",
        "rights\x00courts",
        "x" * 20_000,
        "' OR 1=1 --",
        'AND OR NOT ( ) " * :',
    ],
)
def test_ugly_queries_get_a_normal_page(client, explainers, query):
    response = client.get("/search/", {"query": query, "page": "abc"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "\x00" not in html


def test_long_queries_are_trimmed_and_null_bytes_dropped(client, explainers):
    html = client.get("/search/", {"query": "cou\x00rts " + "y" * 500}).content.decode()
    assert "y" * 201 not in html
    assert 'value="courts ' in html


def test_query_syntax_characters_are_treated_as_plain_words(client, explainers):
    html = client.get("/search/", {"query": '"courts'}).content.decode()
    assert '<a href="/lead/your-rights/">Your rights</a>' in html
