"""Shared steps for the comment tests: a page to comment on, the form as a resident fills
it in."""

import re

import pytest

from tests.factories import ExplainerPageFactory


@pytest.fixture
def explainer(home, settings):
    settings.FEEDBACK_MIN_FILL_SECONDS = 0
    return ExplainerPageFactory(parent=home, title="What is LEAD?", slug="what-is-lead")


def comment_token(client, page, query=""):
    html = client.get(page.url + query).content.decode()
    return re.search(r'name="form_token" value="([^"]+)"', html).group(1)


def comment_data(client, page, **overrides):
    data = {
        "form_token": comment_token(client, page),
        "display_name": "",
        "body": "Will LEAD be offered in Sandtown too?",
        "parent": "",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
