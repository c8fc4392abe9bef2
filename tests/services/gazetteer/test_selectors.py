import pytest

from services.gazetteer.models import Ward
from services.gazetteer.selectors import (
    address_by_uprn,
    addresses_for_postcode,
    nearest_address,
    normalise_postcode,
    ward_for_point,
)
from tests.services.gazetteer.borough import IN_EAST, IN_WEST, OUTSIDE, square


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("sw1a1aa", "SW1A 1AA"),
        ("SW1A 1AA", "SW1A 1AA"),
        ("  sw1a   1aa ", "SW1A 1AA"),
        ("bc1 2ab", "BC1 2AB"),
        ("M1 1AE", "M1 1AE"),
        ("b338th", "B33 8TH"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("W1A 0AX", "W1A 0AX"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("bc1-2ab", "BC1 2AB"),
        ("GIR 0AA", "GIR 0AA"),
    ],
)
def test_valid_postcodes_are_normalised(typed, expected):
    assert normalise_postcode(typed) == expected


@pytest.mark.parametrize(
    "typed",
    ["", "hello", "BC1", "12345", "BC1 2A", "BC1 2AC", "QC1 2AB", "BC1 2ABX", "1BC 2AB", "BC1 2IB", "SW1A 1A@", None],
)
def test_malformed_postcodes_are_refused(typed):
    assert normalise_postcode(typed) is None


def test_addresses_for_a_postcode_come_by_street_then_house_number(borough):
    lines = [address.single_line for address in addresses_for_postcode("bc12ab")]
    assert lines == [
        "3 Church Street, Borchester, BC1 2AB",
        "Rose Cottage, Mill Lane, Borchester, BC1 2AB",
        "Flat 2, 1 Mill Lane, Borchester, BC1 2AB",
        "Flat 10, 1 Mill Lane, Borchester, BC1 2AB",
        "1A Mill Lane, Borchester, BC1 2AB",
        "2 Mill Lane, Borchester, BC1 2AB",
        "10 Mill Lane, Borchester, BC1 2AB",
    ]


def test_unknown_or_malformed_postcodes_have_no_addresses(borough):
    assert addresses_for_postcode("BC9 9ZZ") == []
    assert addresses_for_postcode("not a postcode") == []


def test_address_by_uprn(borough):
    assert address_by_uprn(201).single_line == "7 Station Road, Felpersham, BC7 1XY"
    assert address_by_uprn(" 201 ").uprn == 201
    assert address_by_uprn(999) is None
    assert address_by_uprn("abc") is None
    assert address_by_uprn(-1) is None


def test_a_point_is_in_the_ward_that_contains_it(borough):
    assert ward_for_point(latitude=IN_WEST[0], longitude=IN_WEST[1]) == borough["west"]
    assert ward_for_point(latitude=IN_EAST[0], longitude=IN_EAST[1]) == borough["east"]


def test_a_point_outside_every_ward_is_outside_the_borough(borough):
    assert ward_for_point(latitude=OUTSIDE[0], longitude=OUTSIDE[1]) is None
    assert ward_for_point(latitude=52.13, longitude=-2.29) is None  # just north of the west ward


def test_holes_and_multipolygons(db):
    with_hole = {
        "type": "Polygon",
        "coordinates": [
            square(52.0, -2.0, 52.1, -1.9)["coordinates"][0],
            square(52.04, -1.96, 52.06, -1.94)["coordinates"][0],
        ],
    }
    donut = Ward.objects.create(code="D", name="Donut", boundary=with_hole)
    islands = Ward.objects.create(
        code="I",
        name="Islands",
        boundary={
            "type": "MultiPolygon",
            "coordinates": [
                square(53.0, -2.0, 53.1, -1.9)["coordinates"],
                square(53.5, -2.0, 53.6, -1.9)["coordinates"],
            ],
        },
    )
    assert ward_for_point(latitude=52.01, longitude=-1.99) == donut
    assert ward_for_point(latitude=52.05, longitude=-1.95) is None  # in the hole
    assert ward_for_point(latitude=53.55, longitude=-1.95) == islands
    assert ward_for_point(latitude=53.3, longitude=-1.95) is None  # between the islands


def test_ward_changes_are_seen_straight_away(borough):
    assert ward_for_point(latitude=IN_WEST[0], longitude=IN_WEST[1]).name == "Borchester Castle"
    ward = borough["west"]
    ward.boundary = square(50.0, -3.0, 50.1, -2.9)
    ward.save()
    assert ward_for_point(latitude=IN_WEST[0], longitude=IN_WEST[1]) is None
    ward.delete()
    assert ward_for_point(latitude=50.05, longitude=-2.95) is None


def test_nearest_address_within_the_distance(borough):
    # 7 Station Road is the only address near the east point.
    near = nearest_address(latitude=IN_EAST[0] + 0.0005, longitude=IN_EAST[1])  # about 55 m north
    assert near.uprn == 201
    assert nearest_address(latitude=IN_EAST[0] + 0.0005, longitude=IN_EAST[1], max_distance_m=40) is None
    assert nearest_address(latitude=OUTSIDE[0], longitude=OUTSIDE[1]) is None


def test_nearest_address_picks_the_closest(borough):
    # The Mill Lane addresses are 0.0001 degrees (about 11 m) apart going north.
    near = nearest_address(latitude=IN_WEST[0] + 0.00031, longitude=IN_WEST[1])
    assert near.uprn == 104
