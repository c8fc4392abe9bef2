"""Reads shared by forms, staff screens, reports and the APIs.

The e-form builder relies on these names and meanings:

- ``normalise_postcode(text)`` -> "SW1A 1AA" or None (format check only)
- ``addresses_for_postcode(postcode)`` -> addresses by street, then house number (natural sort)
- ``address_by_uprn(uprn)`` -> Address or None
- ``ward_for_point(latitude=, longitude=)`` -> Ward, or None when outside the borough
- ``nearest_address(latitude=, longitude=, max_distance_m=200)`` -> Address or None

Also: ``describe_point`` (ward and nearest address as a dict), ``ward_locator`` (bulk
point-in-ward), ``borough_bounds`` and ``map_centre`` (for centring maps).
"""

import re
from dataclasses import dataclass

from django.conf import settings

from config.memo import SharedVersionMemo
from services.gazetteer.geometry import degree_box, distance_m, point_in_polygons, polygons_from_geojson
from services.gazetteer.models import Address, Ward
from services.gazetteer.postcodes import normalise_postcode

# --- Addresses ------------------------------------------------------------------

_NUMBERED_LINE = re.compile(r"^(\d+)([A-Za-z]?)(?:\s*-\s*\d+[A-Za-z]?)?,?\s+(.+)$")
_DIGITS = re.compile(r"(\d+)")


def _natural(text: str) -> tuple:
    parts = _DIGITS.split(text.lower())
    return tuple(int(part) if index % 2 else part for index, part in enumerate(parts))


def address_sort_key(address: Address) -> tuple:
    """Street, then house number (12 before 12A before 13), then the flat or building
    within it, each compared naturally ("Flat 2" before "Flat 10")."""
    lines = [line for line in (address.line_1, address.line_2, address.line_3) if line]
    for index, line in enumerate(lines):
        match = _NUMBERED_LINE.match(line)
        if match:
            within = " ".join(lines[:index])
            return (match[3].lower(), int(match[1]), match[2].lower(), _natural(within), address.uprn)
    # A named building with no number: sort it by its street (the last line), before numbers.
    street = lines[-1] if len(lines) > 1 else ""
    return (street.lower(), -1, "", _natural(" ".join(lines)), address.uprn)


def addresses_for_postcode(postcode: str) -> list[Address]:
    """The addresses with this postcode (any format), by street then house number; [] if none."""
    normalised = normalise_postcode(postcode)
    if normalised is None:
        return []
    rows = Address.objects.filter(postcode=normalised).select_related("ward").defer("ward__boundary")
    return sorted(rows, key=address_sort_key)


def address_by_uprn(uprn: int | str) -> Address | None:
    try:
        value = int(str(uprn).strip())
    except (TypeError, ValueError):
        return None
    if not 0 < value < 10**12:
        return None
    return Address.objects.select_related("ward").filter(uprn=value).first()


def nearest_address(*, latitude: float, longitude: float, max_distance_m: float = 200) -> Address | None:
    """The address closest to the point within max_distance_m metres, or None. A box query
    on the (latitude, longitude) index finds candidates (first within 50 m, which is enough
    in built-up streets, then the full distance); exact distances pick the nearest."""
    try:
        latitude, longitude = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    for radius in sorted({min(50.0, max_distance_m), float(max_distance_m)}):
        min_lat, max_lat, min_lng, max_lng = degree_box(latitude=latitude, longitude=longitude, radius_m=radius)
        candidates = Address.objects.filter(
            latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng)
        ).values_list("uprn", "latitude", "longitude")
        best, best_distance = None, radius
        for uprn, lat, lng in candidates:
            distance = distance_m(latitude, longitude, lat, lng)
            if distance <= best_distance:
                best, best_distance = uprn, distance
        if best is not None:
            return address_by_uprn(best)
    return None


# --- Wards ------------------------------------------------------------------------


@dataclass(frozen=True)
class _IndexedWard:
    ward: Ward
    min_lng: float
    min_lat: float
    max_lng: float
    max_lat: float
    polygons: list


# Every ward's polygons, parsed once per process: every submission with a location asks
# for its ward (often twice), and wards change once in years. The memo asks the shared
# cache at most once a second whether another process changed a ward; when the cache is
# down it reads them afresh at most once a second instead, so a report never fails on it.
_ward_memo = SharedVersionMemo("gazetteer-wards", check_seconds=1.0, max_age_seconds=300.0)


def _indexed_wards() -> list[_IndexedWard]:
    return _ward_memo.get("wards", _wards_parse)


def _wards_parse() -> list[_IndexedWard]:
    wards = []
    for ward in Ward.objects.all():
        try:
            polygons = polygons_from_geojson(ward.boundary)
        except ValueError:
            continue
        wards.append(
            _IndexedWard(ward, ward.min_longitude, ward.min_latitude, ward.max_longitude, ward.max_latitude, polygons)
        )
    return wards


def ward_index_invalidate() -> None:
    """Call after changing wards without model signals (bulk operations)."""
    _ward_memo.invalidate()


def ward_for_point(*, latitude: float, longitude: float) -> Ward | None:
    """The ward containing the point; None means the point is outside the borough. The Ward
    comes from a shared in-memory index: read it, do not change it (fetch it again to edit)."""
    try:  # callers pass floats, Decimals from model fields or strings from forms
        latitude, longitude = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    for entry in _indexed_wards():
        if (
            entry.min_lat <= latitude <= entry.max_lat
            and entry.min_lng <= longitude <= entry.max_lng
            and point_in_polygons(entry.polygons, longitude=longitude, latitude=latitude)
        ):
            return entry.ward
    return None


def ward_locator():
    """A function ``(latitude, longitude) -> Ward | None`` over a snapshot of the wards, for
    bulk work (imports) that places thousands of points and changes no ward meanwhile."""
    wards = _indexed_wards()

    def locate(latitude: float, longitude: float) -> Ward | None:
        for entry in wards:
            if (
                entry.min_lat <= latitude <= entry.max_lat
                and entry.min_lng <= longitude <= entry.max_lng
                and point_in_polygons(entry.polygons, longitude=longitude, latitude=latitude)
            ):
                return entry.ward
        return None

    return locate


def describe_point(*, latitude: float, longitude: float) -> dict:
    """What we know about a point: in the borough or not, its ward and nearest address."""
    ward = ward_for_point(latitude=latitude, longitude=longitude)
    if ward is None:
        return {"in_area": False, "ward_code": None, "ward_name": None, "nearest_address": None, "nearest_uprn": None}
    address = nearest_address(latitude=latitude, longitude=longitude)
    return {
        "in_area": True,
        "ward_code": ward.code,
        "ward_name": ward.name,
        "nearest_address": address.single_line if address else None,
        "nearest_uprn": address.uprn if address else None,
        "nearest_distance_m": round(distance_m(latitude, longitude, address.latitude, address.longitude))
        if address
        else None,
    }


def ward_list() -> list[Ward]:
    return list(Ward.objects.all())


def borough_bounds() -> tuple[float, float, float, float] | None:
    """(min_lat, min_lng, max_lat, max_lng) around every ward, for centring maps; None without wards."""
    wards = _indexed_wards()
    if not wards:
        return None
    return (
        min(w.min_lat for w in wards),
        min(w.min_lng for w in wards),
        max(w.max_lat for w in wards),
        max(w.max_lng for w in wards),
    )


def map_centre() -> tuple[float, float]:
    """Where maps open: the middle of the wards' extent, or the MAP_DEFAULT_CENTRE
    setting before any wards are imported."""
    bounds = borough_bounds()
    if bounds is None:
        return tuple(settings.MAP_DEFAULT_CENTRE)
    min_lat, min_lng, max_lat, max_lng = bounds
    return ((min_lat + max_lat) / 2, (min_lng + max_lng) / 2)
