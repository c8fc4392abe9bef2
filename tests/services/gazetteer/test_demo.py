"""The demo borough: deterministic, idempotent and complete."""

import io
import time

import pytest
from django.core.management.color import no_style

from services.gazetteer import demo
from services.gazetteer.models import Address, Ward
from services.gazetteer.selectors import addresses_for_postcode, normalise_postcode, ward_for_point


def test_generation_is_deterministic():
    first = list(demo.demo_addresses())
    assert first == list(demo.demo_addresses())
    assert len(first) == demo.TARGET_ADDRESSES
    assert len({a["uprn"] for a in first}) == len(first)
    assert all(normalise_postcode(a["postcode"]) == a["postcode"] for a in first)
    assert {a["town"] for a in first} == {"Borchester", "Felpersham", "Hollerton", "Penny Hassett", "Loxley Barrett"}


@pytest.mark.django_db
def test_demo_loads_once_and_every_address_is_in_a_ward():
    out = io.StringIO()
    started = time.monotonic()
    demo.load(stdout=out, style=no_style())
    assert Ward.objects.count() == 20
    assert Address.objects.count() == demo.TARGET_ADDRESSES
    assert not Address.objects.filter(ward=None).exists()
    first_address = Address.objects.order_by("uprn").first()
    assert ward_for_point(latitude=first_address.latitude, longitude=first_address.longitude) == first_address.ward
    assert addresses_for_postcode(first_address.postcode)
    again = io.StringIO()
    demo.load(stdout=again, style=no_style())
    assert "already loaded" in again.getvalue()
    assert Address.objects.count() == demo.TARGET_ADDRESSES
    assert Ward.objects.count() == 20
    assert time.monotonic() - started < 120  # generous: the figure that matters is in bench/
