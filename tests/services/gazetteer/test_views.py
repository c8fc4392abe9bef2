"""The "find an address" pattern and the location question, as a resident without JavaScript meets them."""

import re

import pytest
from django.urls import reverse

from services.gazetteer.forms import AddressLookupForm, LocationForm
from tests.services.gazetteer.borough import IN_EAST, IN_WEST, OUTSIDE

FIND = "/places/find-your-ward/"
CHECK = "/places/check-a-location/"


def errors(response) -> list[str]:
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).replace("Error: ", "").strip()
        for text in re.findall(r'class="govuk-error-message">(.*?)</p>', response.content.decode(), re.S)
    ]


def test_urls():
    assert reverse("gazetteer:find_your_ward") == FIND
    assert reverse("gazetteer:check_a_location") == CHECK


@pytest.mark.django_db
def test_postcode_then_pick_an_address(client, borough):
    page = client.get(FIND)
    assert page.status_code == 200
    assert b"Find address" in page.content
    listed = client.post(
        FIND, {"address-stage_field": "postcode", "address-postcode": "bc12ab", "address-action": "find"}
    )
    html = listed.content.decode()
    assert "7 addresses found" in html
    assert html.index("3 Church Street") < html.index("2 Mill Lane") < html.index("10 Mill Lane")
    assert 'value="BC1 2AB"' in html  # the normalised postcode is carried forward
    assert "I cannot find the address in the list" in html
    chosen = client.post(FIND, {"address-stage_field": "select", "address-postcode": "BC1 2AB", "address-uprn": "102"})
    assert b"2 Mill Lane, Borchester, BC1 2AB is in Borchester Castle ward." in chosen.content


@pytest.mark.django_db
def test_pressing_enter_in_the_postcode_box_finds_addresses(client, borough):
    # Enter submits the first button, "Find address"; a plain continue does the same.
    listed = client.post(FIND, {"address-stage_field": "postcode", "address-postcode": "BC7 1XY"})
    assert b"1 address found" in listed.content


@pytest.mark.django_db
def test_malformed_postcode_says_so_and_keeps_what_was_typed(client, borough):
    response = client.post(
        FIND, {"address-stage_field": "postcode", "address-postcode": "BC1 2A", "address-action": "find"}
    )
    assert errors(response) == ["Enter a full postcode in the right format, like BC1 2AB"]
    assert 'value="BC1 2A"' in response.content.decode()
    assert b"There is a problem" in response.content
    assert response.content.decode().startswith("<!DOCTYPE html>")
    assert "<title>Error: Find your ward" in response.content.decode()


@pytest.mark.django_db
def test_unknown_postcode_says_so_and_keeps_what_was_typed(client, borough):
    response = client.post(
        FIND, {"address-stage_field": "postcode", "address-postcode": "bc99zz", "address-action": "find"}
    )
    assert errors(response) == [
        "We could not find any addresses in Borsetshire for BC9 9ZZ. Check the postcode, or enter the address manually"
    ]
    assert 'value="bc99zz"' in response.content.decode()


@pytest.mark.django_db
def test_empty_postcode(client, borough):
    response = client.post(FIND, {"address-stage_field": "postcode", "address-postcode": "", "address-action": "find"})
    assert errors(response) == ["Enter a postcode"]


@pytest.mark.django_db
def test_not_choosing_from_the_list(client, borough):
    response = client.post(FIND, {"address-stage_field": "select", "address-postcode": "BC1 2AB", "address-uprn": ""})
    assert errors(response) == ["Select an address"]
    # A UPRN from another postcode is not accepted either.
    response = client.post(
        FIND, {"address-stage_field": "select", "address-postcode": "BC1 2AB", "address-uprn": "201"}
    )
    assert errors(response) == ["Select an address"]


@pytest.mark.django_db
def test_enter_the_address_manually(client, borough):
    manual = client.post(
        FIND, {"address-stage_field": "select", "address-postcode": "BC1 2AB", "address-action": "manual"}
    )
    html = manual.content.decode()
    assert "Address line 1" in html
    assert 'value="BC1 2AB"' in html  # the postcode already typed is kept
    missing = client.post(FIND, {"address-stage_field": "manual", "address-manual_postcode": "BC1"})
    assert errors(missing) == [
        "Enter address line 1, typically the building and street",
        "Enter the town or city",
        "Enter a full postcode in the right format, like BC1 2AB",
    ]
    done = client.post(
        FIND,
        {
            "address-stage_field": "manual",
            "address-line_1": "Plot 4, New Meadow",
            "address-town": "Borchester",
            "address-manual_postcode": "bc1 9zz",
        },
    )
    assert b"Plot 4, New Meadow, Borchester, BC1 9ZZ" in done.content
    assert b"not in our address list" in done.content


@pytest.mark.django_db
def test_change_goes_back_to_the_postcode(client, borough):
    response = client.post(
        FIND, {"address-stage_field": "select", "address-postcode": "BC1 2AB", "address-action": "change"}
    )
    assert b"Find address" in response.content
    assert errors(response) == []


@pytest.mark.django_db
def test_address_form_answer_for_the_e_form_builder(borough):
    form = AddressLookupForm({"q-stage_field": "select", "q-postcode": "BC7 1XY", "q-uprn": "201"}, prefix="q")
    assert form.is_valid()
    assert form.answer == {
        "source": "gazetteer",
        "uprn": 201,
        "line_1": "7 Station Road",
        "line_2": "",
        "line_3": "",
        "town": "Felpersham",
        "postcode": "BC7 1XY",
        "latitude": IN_EAST[0],
        "longitude": IN_EAST[1],
        "ward_code": "W02",
        "ward_name": "Felpersham North",
        "single_line": "7 Station Road, Felpersham, BC7 1XY",
    }
    stage_change = AddressLookupForm({"q-stage_field": "postcode", "q-postcode": "BC7 1XY"}, prefix="q")
    assert not stage_change.is_valid()
    assert stage_change.errors == {}
    assert stage_change.stage == "select"
    again = AddressLookupForm(initial=form.answer, prefix="q")
    assert again.stage == "select" and [a.uprn for a in again.addresses] == [201]


@pytest.mark.django_db
def test_location_in_the_borough(client, borough):
    response = client.post(
        CHECK,
        {"location-latitude": f"{IN_WEST[0]}", "location-longitude": f"{IN_WEST[1]}", "location-description": ""},
    )
    html = response.content.decode()
    assert "Borchester Castle ward" in html
    assert "10 Mill Lane, Borchester, BC1 2AB" in html  # the nearest address


@pytest.mark.django_db
def test_location_outside_the_borough_is_refused_with_the_route_to_other_councils(client, borough):
    response = client.post(
        CHECK, {"location-latitude": f"{OUTSIDE[0]}", "location-longitude": f"{OUTSIDE[1]}", "location-description": ""}
    )
    assert errors(response) == [
        "This location is outside Borsetshire. We can only deal with places in Borsetshire: "
        "contact the council for that area instead."
    ]
    assert b'href="https://www.gov.uk/find-local-council"' in response.content
    assert f'value="{OUTSIDE[0]}"'.encode() in response.content  # the pin is kept


@pytest.mark.django_db
def test_location_described_in_words_without_a_map(client, borough):
    response = client.post(CHECK, {"location-description": "By the bus stop on Station Road"})
    assert b"By the bus stop on Station Road" in response.content
    assert b"Location noted" in response.content
    empty = client.post(CHECK, {"location-description": ""})
    assert errors(empty) == ["Mark the location on the map, or describe where it is"]
    tampered = client.post(CHECK, {"location-latitude": "north", "location-longitude": "-2.2"})
    assert errors(tampered) == ["The place marked on the map could not be read: mark it again"]


@pytest.mark.django_db
def test_location_form_answer(borough):
    form = LocationForm(
        {"l-latitude": str(IN_EAST[0]), "l-longitude": str(IN_EAST[1]), "l-description": "Pothole"}, prefix="l"
    )
    assert form.is_valid()
    assert form.answer == {
        "latitude": IN_EAST[0],
        "longitude": IN_EAST[1],
        "description": "Pothole",
        "ward_code": "W02",
        "ward_name": "Felpersham North",
        "nearest_address": "7 Station Road, Felpersham, BC7 1XY",
        "nearest_uprn": 201,
    }
    anywhere = LocationForm(
        {"l-latitude": str(OUTSIDE[0]), "l-longitude": str(OUTSIDE[1])}, prefix="l", require_in_area=False
    )
    assert anywhere.is_valid() and anywhere.answer["ward_code"] is None


@pytest.mark.django_db
def test_describe_point_json(client, borough):
    inside = client.get("/places/api/describe-point/", {"latitude": IN_EAST[0], "longitude": IN_EAST[1]}).json()
    assert inside["in_area"] is True
    assert inside["ward_name"] == "Felpersham North"
    assert inside["nearest_address"] == "7 Station Road, Felpersham, BC7 1XY"
    outside = client.get("/places/api/describe-point/", {"latitude": OUTSIDE[0], "longitude": OUTSIDE[1]}).json()
    assert outside["in_area"] is False
    assert outside["message"].startswith("This location is outside Borsetshire")
    assert outside["other_councils_url"] == "https://www.gov.uk/find-local-council"
    assert client.get("/places/api/describe-point/", {"latitude": "x"}).status_code == 400
    assert client.get("/places/api/describe-point/", {"latitude": "95", "longitude": "0"}).status_code == 400


@pytest.mark.django_db
def test_typed_text_is_escaped(client, borough):
    response = client.post(
        FIND, {"address-stage_field": "postcode", "address-postcode": '"><script>x</script>', "address-action": "find"}
    )
    assert b"<script>x</script>" not in response.content
    response = client.post(CHECK, {"location-description": "<script>alert(1)</script>"})
    assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.django_db
def test_both_pieces_embed_in_another_form_with_their_own_prefixes(borough):
    from django.template import Context, Template

    address = AddressLookupForm(prefix="q-1", legend="Where do you live?")
    location = LocationForm(prefix="q-2", legend="Where is the fly-tipping?")
    html = Template(
        '<form method="post">'
        '{% include "gazetteer/includes/address_lookup.html" with form=address %}'
        '{% include "gazetteer/includes/map_picker.html" with form=location %}'
        "</form>"
    ).render(Context({"address": address, "location": location}))
    assert "Where do you live?" in html and "Where is the fly-tipping?" in html
    assert 'name="q-1-postcode"' in html and 'name="q-1-action" value="find"' in html
    assert 'name="q-2-latitude"' in html and 'name="q-2-longitude"' in html and 'name="q-2-description"' in html
    assert (
        'data-module="map-picker"' in html and 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    )
    assert "js/map-picker.js" in html
