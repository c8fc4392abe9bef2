"""The location map opens where the council is: the middle of its wards, or the
MAP_DEFAULT_CENTRE setting before any wards are imported. The server says so in a
data attribute, since the Content Security Policy allows no inline script."""

import re

import pytest

from tests.services.forms.conftest import make_form
from tests.services.gazetteer.borough import make_small_borough

pytestmark = pytest.mark.django_db


def _map_centre(client, form) -> str:
    client.get(f"/forms/{form.slug}/")
    client.post(f"/forms/{form.slug}/step/1/", {"q-what": "Garden waste", "q-bags": "4"})
    html = client.get(f"/forms/{form.slug}/step/2/").content.decode()
    return re.search(r'data-eform-map="q-where"[^>]*data-centre="([^"]*)"', html)[1]


def test_without_wards_the_map_opens_at_the_configured_centre(client, settings):
    settings.MAP_DEFAULT_CENTRE = (53.4808, -2.2426)
    assert _map_centre(client, make_form()) == "53.480800,-2.242600"


def test_with_wards_the_map_opens_in_the_middle_of_them(client, settings):
    settings.MAP_DEFAULT_CENTRE = (53.4808, -2.2426)
    make_small_borough()  # two wards from 52.10 to 52.12 north, 2.30 to 2.24 west
    assert _map_centre(client, make_form()) == "52.110000,-2.270000"


def test_the_gazetteer_map_picker_is_given_the_same_centre(client, settings):
    settings.MAP_DEFAULT_CENTRE = (53.4808, -2.2426)
    html = client.get("/places/check-a-location/").content.decode()
    assert 'data-centre="53.480800,-2.242600"' in html
