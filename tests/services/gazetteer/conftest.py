import pytest

from tests.services.gazetteer.borough import make_small_borough


@pytest.fixture
def borough(db):
    return make_small_borough()
