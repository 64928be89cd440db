import pytest

from tests.factories import make_site


@pytest.fixture(autouse=True, scope="session")
def _media_in_a_temporary_folder(tmp_path_factory):
    """Uploads made by tests (images, documents) never land in the project folder."""
    from django.conf import settings

    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def home(db):
    return make_site()
