"""Plain-Python spatial helpers: GeoJSON polygon checks, bounding boxes, point in
polygon and distances. Enough for a borough's wards without PostGIS.

GeoJSON positions are ``[longitude, latitude]``; the functions here take keyword
``latitude``/``longitude`` where a caller could mix them up.
"""

import math
from collections.abc import Iterable, Sequence

EARTH_RADIUS_M = 6_371_008.8
METRES_PER_DEGREE_LATITUDE = 111_320.0

Ring = Sequence[Sequence[float]]
PolygonRings = list[list[tuple[float, float]]]  # outer ring first, then holes


class GeometryError(ValueError):
    """The GeoJSON geometry is not a usable polygon."""


def polygons_from_geojson(geometry: dict) -> list[PolygonRings]:
    """A GeoJSON ``Polygon`` or ``MultiPolygon`` as a list of polygons, each a list of
    rings of (longitude, latitude) tuples. Raises GeometryError for anything else."""
    if not isinstance(geometry, dict):
        raise GeometryError("the geometry is missing")
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon":
        polygons = coordinates
    else:
        raise GeometryError(f"the geometry is a {kind or 'nothing'}, not a Polygon or MultiPolygon")
    if not isinstance(polygons, list) or not polygons:
        raise GeometryError("the geometry has no coordinates")
    result = []
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise GeometryError("a polygon has no rings")
        rings = []
        for ring in polygon:
            try:
                points = [(float(point[0]), float(point[1])) for point in ring]
            except (TypeError, ValueError, IndexError) as error:
                raise GeometryError("a position is not a pair of numbers") from error
            if len(points) < 4:
                raise GeometryError("a ring has fewer than four positions")
            if points[0] != points[-1]:
                points.append(points[0])
            rings.append(points)
        result.append(rings)
    return result


def map_positions(geometry: dict, transform) -> dict:
    """A copy of a Polygon/MultiPolygon geometry with ``transform(x, y) -> (x, y)`` applied to
    every position."""
    polygons = polygons_from_geojson(geometry)
    converted = [[[list(transform(x, y)) for x, y in ring] for ring in polygon] for polygon in polygons]
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": converted[0]}
    return {"type": "MultiPolygon", "coordinates": converted}


def bounding_box(polygons: Iterable[PolygonRings]) -> tuple[float, float, float, float]:
    """(min_longitude, min_latitude, max_longitude, max_latitude) of the outer rings."""
    xs, ys = [], []
    for polygon in polygons:
        for x, y in polygon[0]:
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def _in_ring(x: float, y: float, ring: Ring) -> bool:
    """Ray casting (even-odd rule)."""
    inside = False
    x1, y1 = ring[0]
    for x2, y2 in ring[1:]:
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
        x1, y1 = x2, y2
    return inside


def point_in_polygons(polygons: Iterable[PolygonRings], *, longitude: float, latitude: float) -> bool:
    """True when the point is inside any polygon's outer ring and none of its holes."""
    for rings in polygons:
        if _in_ring(longitude, latitude, rings[0]) and not any(
            _in_ring(longitude, latitude, hole) for hole in rings[1:]
        ):
            return True
    return False


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def degree_box(*, latitude: float, longitude: float, radius_m: float) -> tuple[float, float, float, float]:
    """A (min_lat, max_lat, min_lng, max_lng) box that contains every point within radius_m."""
    dlat = radius_m / METRES_PER_DEGREE_LATITUDE
    dlng = radius_m / (METRES_PER_DEGREE_LATITUDE * max(math.cos(math.radians(latitude)), 0.01))
    return latitude - dlat, latitude + dlat, longitude - dlng, longitude + dlng
