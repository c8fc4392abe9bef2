"""The demo borough of Borsetshire: 20 wards and about 50,000 addresses, generated from a
fixed seed so every run makes the same data.

Everything here is fictional. The "BC" postcode area passes the UK postcode format check
but no real postcode area is called BC; UPRNs start at DEMO_UPRN_BASE. The borough sits
on farmland in the Malvern Hills district so the map has something to show, but its
streets, wards and addresses are invented.

Idempotent and quick: when the wards and every demo address are already there the
loader does nothing; otherwise it upserts in bulk (a few seconds on SQLite).
"""

import math
import random
from collections.abc import Iterator

from services.gazetteer.models import Address, PropertyType, Ward
from services.gazetteer.operations import addresses_import
from services.gazetteer.selectors import ward_index_invalidate

SEED = 20261123
DEMO_UPRN_BASE = 990_000_000_000
DEMO_POSTCODE_AREA = "BC"
TARGET_ADDRESSES = 50_000

# The borough's extent: 5 columns by 4 rows of wards, about 21 km by 18 km.
SOUTH, NORTH = 52.05, 52.21
WEST, EAST = -2.46, -2.15
COLUMNS, ROWS = 5, 4
EDGE_SEGMENTS = 6

WARDS = [  # (name, town), west to east, south to north
    ("Loxley Barrett", "Loxley Barrett"),
    ("Edgeley", "Loxley Barrett"),
    ("Penny Hassett", "Penny Hassett"),
    ("Lakey Green", "Penny Hassett"),
    ("Heydon Berrow", "Hollerton"),
    ("Darrington", "Felpersham"),
    ("Felpersham South", "Felpersham"),
    ("Felpersham Cathedral", "Felpersham"),
    ("Hollerton Junction", "Hollerton"),
    ("Hollerton", "Hollerton"),
    ("Borchester West", "Borchester"),
    ("Borchester Market", "Borchester"),
    ("Borchester Castle", "Borchester"),
    ("Borchester East", "Borchester"),
    ("Waterley Cross", "Borchester"),
    ("Little Croxley", "Felpersham"),
    ("Felpersham North", "Felpersham"),
    ("Borchester North", "Borchester"),
    ("Grey Gables", "Loxley Barrett"),
    ("Netherbourne", "Hollerton"),
]

STREET_STEMS = [
    "Mill", "Church", "Station", "Manor", "Orchard", "Chapel", "Willow", "Meadow", "Castle", "Market",
    "Vicarage", "Brook", "Oak", "Elm", "Ash", "Cedar", "Beech", "Hawthorn", "Holly", "Rose", "Victoria",
    "Albert", "King's", "Queen's", "Park", "Green", "School", "Bridge", "Well", "Hill", "Forge", "Maltings",
    "Cherry", "Rectory", "Abbey", "Lime", "Poplar", "Hazel", "Birch", "Rowan", "Chestnut", "Sycamore",
    "Primrose", "Bluebell", "Foxglove", "Kingfisher", "Heron", "Swallow", "Lark", "Wren", "Badger",
    "Brewery", "Granary", "Tanners", "Weavers", "Cooper's", "Farrier's", "Hop", "Cider", "Plough",
    "Barley", "Wheatsheaf", "Lammas", "Glebe", "Common", "Moor", "Dovecote", "Spinney", "Coppice", "Furlong",
]  # fmt: skip
STREET_KINDS = [
    "Street", "Road", "Lane", "Close", "Avenue", "Way", "Drive", "Crescent", "Gardens", "Court", "Place",
    "Grove", "Walk", "Rise", "View", "Row", "Mews", "Terrace",
]  # fmt: skip
HOUSE_NAMES = [
    "Rose Cottage", "The Old Forge", "Orchard House", "The Barn", "Hillside", "The Old Rectory", "Ivy Cottage",
    "Meadow View", "The Laurels", "Brook House", "The Granary", "Keeper's Cottage", "Mill House", "The Coach House",
]  # fmt: skip
BUSINESSES = [
    "The Bull", "The Cat and Fiddle", "Village Stores", "Post Office", "Surgery", "Garage", "Bakery", "Butcher's",
    "Tea Rooms", "Hardware", "Pharmacy", "Launderette", "Florist", "Newsagent",
]  # fmt: skip
# Letters the second half of a postcode may use (never C, I, K, M, O or V).
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def ward_code(index: int) -> str:
    return f"BOR{index + 1:02d}"


def _lattice(rng: random.Random):
    """Ward corners on a jittered grid, and each cell edge broken into wiggly segments that
    the two wards on either side share, so the wards tile the borough without gaps."""
    corners = {}
    for i in range(COLUMNS + 1):
        for j in range(ROWS + 1):
            inner_i, inner_j = 0 < i < COLUMNS, 0 < j < ROWS
            du = rng.uniform(-0.18, 0.18) if inner_i else rng.uniform(-0.06, 0.06)
            dv = rng.uniform(-0.18, 0.18) if inner_j else rng.uniform(-0.06, 0.06)
            corners[i, j] = (i + du, j + dv)
    edges = {}

    def edge(a, b):
        key = (a, b) if a <= b else (b, a)
        if key not in edges:
            (x1, y1), (x2, y2) = corners[key[0]], corners[key[1]]
            length = math.hypot(x2 - x1, y2 - y1)
            nx, ny = -(y2 - y1) / length, (x2 - x1) / length
            points = [corners[key[0]]]
            for step in range(1, EDGE_SEGMENTS):
                t = step / EDGE_SEGMENTS
                wiggle = rng.uniform(-0.04, 0.04)
                points.append((x1 + (x2 - x1) * t + nx * wiggle, y1 + (y2 - y1) * t + ny * wiggle))
            points.append(corners[key[1]])
            edges[key] = points
        points = edges[key]
        return points if key == (a, b) else list(reversed(points))

    return corners, edge


def _to_lng_lat(x: float, y: float) -> tuple[float, float]:
    return (round(WEST + (EAST - WEST) * x / COLUMNS, 6), round(SOUTH + (NORTH - SOUTH) * y / ROWS, 6))


def demo_wards() -> list[dict]:
    """The 20 wards as {code, name, town, cell, boundary}, deterministic."""
    rng = random.Random(SEED)  # noqa: S311 - repeatable demo data, not security
    corners, edge = _lattice(rng)
    wards = []
    for j in range(ROWS):
        for i in range(COLUMNS):
            index = j * COLUMNS + i
            ring = []
            for a, b in [
                ((i, j), (i + 1, j)),
                ((i + 1, j), (i + 1, j + 1)),
                ((i + 1, j + 1), (i, j + 1)),
                ((i, j + 1), (i, j)),
            ]:
                ring.extend(edge(a, b)[:-1])
            ring.append(ring[0])
            name, town = WARDS[index]
            wards.append(
                {
                    "code": ward_code(index),
                    "name": name,
                    "town": town,
                    "corners": [corners[i, j], corners[i + 1, j], corners[i + 1, j + 1], corners[i, j + 1]],
                    "boundary": {"type": "Polygon", "coordinates": [[list(_to_lng_lat(x, y)) for x, y in ring]]},
                }
            )
    return wards


def _bilinear(corners, u: float, v: float) -> tuple[float, float]:
    (x00, y00), (x10, y10), (x11, y11), (x01, y01) = corners
    x = x00 * (1 - u) * (1 - v) + x10 * u * (1 - v) + x11 * u * v + x01 * (1 - u) * v
    y = y00 * (1 - u) * (1 - v) + y10 * u * (1 - v) + y11 * u * v + y01 * (1 - u) * v
    return x, y


def _postcodes(rng: random.Random, district: int) -> Iterator[str]:
    used = set()
    while True:
        code = f"{DEMO_POSTCODE_AREA}{district} {rng.randint(1, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
        if code not in used:
            used.add(code)
            yield code


def demo_addresses(wards: list[dict] | None = None) -> Iterator[dict]:
    """About TARGET_ADDRESSES addresses as Address field values (without ward), deterministic.
    Houses stand along streets: odd numbers on one side, even on the other; a postcode covers
    a run of up to about 20 front doors; some buildings are flats, some named, some shops."""
    wards = wards or demo_wards()
    rng = random.Random(SEED + 1)  # noqa: S311 - repeatable demo data, not security
    per_ward = TARGET_ADDRESSES // len(wards)
    uprn = DEMO_UPRN_BASE
    street_names_used: dict[str, set] = {}
    for index, ward in enumerate(wards):
        town = ward["town"]
        names = street_names_used.setdefault(town, set())
        postcodes = _postcodes(rng, index + 1)
        made = 0
        while made < per_ward:
            while True:
                street = f"{rng.choice(STREET_STEMS)} {rng.choice(STREET_KINDS)}"
                if street not in names:
                    names.add(street)
                    break
            houses = min(rng.randint(12, 120), per_ward - made)
            u, v = rng.uniform(0.12, 0.88), rng.uniform(0.12, 0.88)
            angle = rng.uniform(0, math.pi)
            # About 15 m between front doors, in cell units (a cell is about 4 km).
            step = 0.0075 / 2
            du, dv = math.cos(angle) * step, math.sin(angle) * step
            nu, nv = -dv * 1.2, du * 1.2  # across the road
            postcode, in_postcode, postcode_size = next(postcodes), 0, rng.randint(8, 22)
            number = 0
            while houses > 0:
                number += 1
                side = 1 if number % 2 else -1
                position = (number - 1) // 2
                pu = min(max(u + du * position + nu * side, 0.1), 0.9)
                pv = min(max(v + dv * position + nv * side, 0.1), 0.9)
                lng, lat = _to_lng_lat(*_bilinear(ward["corners"], pu, pv))
                if in_postcode >= postcode_size:
                    postcode, in_postcode, postcode_size = next(postcodes), 0, rng.randint(8, 22)
                roll = rng.random()
                if roll < 0.06 and houses >= 6:
                    flats = rng.randint(4, min(12, houses))
                    building = f"{number} {street}"
                    for flat in range(1, flats + 1):
                        uprn += 1
                        yield _address(
                            uprn, f"Flat {flat}", building, "", town, postcode, lat, lng, PropertyType.RESIDENTIAL
                        )
                    houses -= flats
                    made += flats
                    in_postcode += flats
                    continue
                if roll < 0.09:
                    line_1, line_2, kind = rng.choice(BUSINESSES), f"{number} {street}", PropertyType.COMMERCIAL
                elif roll < 0.13:
                    line_1, line_2, kind = rng.choice(HOUSE_NAMES), f"{number} {street}", PropertyType.RESIDENTIAL
                else:
                    line_1, line_2, kind = f"{number} {street}", "", PropertyType.RESIDENTIAL
                uprn += 1
                yield _address(uprn, line_1, line_2, "", town, postcode, lat, lng, kind)
                houses -= 1
                made += 1
                in_postcode += 1


def _address(uprn, line_1, line_2, line_3, town, postcode, lat, lng, kind) -> dict:
    return {
        "uprn": uprn,
        "line_1": line_1,
        "line_2": line_2,
        "line_3": line_3,
        "town": town,
        "postcode": postcode,
        "latitude": lat,
        "longitude": lng,
        "property_type": kind,
    }


def demo_wards_load() -> int:
    """Create or update the demo wards; returns how many were created."""
    created = 0
    for spec in demo_wards():
        ward = Ward.objects.filter(code=spec["code"]).first()
        if ward is None:
            created += 1
            ward = Ward(code=spec["code"])
        if ward.name != spec["name"] or ward.boundary != spec["boundary"] or ward.pk is None:
            ward.name, ward.boundary = spec["name"], spec["boundary"]
            ward.save()
    ward_index_invalidate()
    return created


def load(*, stdout, style) -> None:
    wards_created = demo_wards_load()
    demo_count = Address.objects.filter(uprn__gt=DEMO_UPRN_BASE, uprn__lte=DEMO_UPRN_BASE + TARGET_ADDRESSES).count()
    if demo_count == TARGET_ADDRESSES and not wards_created:
        stdout.write(f"  {len(WARDS)} wards and {demo_count:,} demo addresses already loaded")
        return
    report = addresses_import(rows=((n, fields) for n, fields in enumerate(demo_addresses(), start=1)))
    stdout.write(
        f"  {len(WARDS)} wards ({wards_created} new) and {report.imported:,} demo addresses "
        f"({report.created:,} new) in the fictional {DEMO_POSTCODE_AREA} postcode area"
    )
