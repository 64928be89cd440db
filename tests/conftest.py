import pytest

from tests.factories import make_site


@pytest.fixture
def home(db):
    return make_site()
