"""A tiny borough for tests: two square wards side by side, and a few addresses."""

from services.gazetteer.models import Address, Ward


def square(south, west, north, east):
    return {
        "type": "Polygon",
        "coordinates": [[[west, south], [east, south], [east, north], [west, north], [west, south]]],
    }


WEST_WARD = square(52.10, -2.30, 52.12, -2.27)
EAST_WARD = square(52.10, -2.27, 52.12, -2.24)
# Inside each ward, and outside both.
IN_WEST = (52.11, -2.29)
IN_EAST = (52.11, -2.25)
OUTSIDE = (51.5072, -0.1276)  # central London

MILL_LANE = [  # (uprn, line_1, line_2), deliberately out of order
    (101, "10 Mill Lane", ""),
    (102, "2 Mill Lane", ""),
    (103, "Flat 10", "1 Mill Lane"),
    (104, "Flat 2", "1 Mill Lane"),
    (105, "1A Mill Lane", ""),
    (106, "3 Church Street", ""),
    (107, "Rose Cottage", "Mill Lane"),
]


def make_small_borough():
    west = Ward.objects.create(code="W01", name="Borchester Castle", boundary=WEST_WARD)
    east = Ward.objects.create(code="W02", name="Felpersham North", boundary=EAST_WARD)
    for index, (uprn, line_1, line_2) in enumerate(MILL_LANE):
        Address.objects.create(
            uprn=uprn,
            line_1=line_1,
            line_2=line_2,
            town="Borchester",
            postcode="BC1 2AB",
            latitude=IN_WEST[0] + index * 0.0001,
            longitude=IN_WEST[1],
            ward=west,
        )
    Address.objects.create(
        uprn=201,
        line_1="7 Station Road",
        town="Felpersham",
        postcode="BC7 1XY",
        latitude=IN_EAST[0],
        longitude=IN_EAST[1],
        ward=east,
        property_type="commercial",
    )
    return {"west": west, "east": east}
