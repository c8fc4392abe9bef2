"""British National Grid (OSGB36, EPSG:27700) eastings and northings to WGS84 latitude
and longitude, as published by Ordnance Survey in "A guide to coordinate systems in
Great Britain": the Transverse Mercator inverse on the Airy 1830 ellipsoid, then a
seven-parameter Helmert transformation from OSGB36 to WGS84.

The Helmert step is accurate to about 5 metres, which is ample for finding a ward or
the nearest address; OSTN15 (the centimetre-level grid shift) would need OS's data
file and is not required for that.
"""

import math

# Airy 1830 (OSGB36) and GRS80/WGS84 ellipsoids.
_AIRY_A, _AIRY_B = 6377563.396, 6356256.909
_WGS_A, _WGS_B = 6378137.000, 6356752.314245

# National Grid true origin and scale.
_F0 = 0.9996012717
_LAT0 = math.radians(49.0)
_LON0 = math.radians(-2.0)
_E0, _N0 = 400000.0, -100000.0

# OSGB36 -> WGS84 Helmert parameters (the inverse of OS's published WGS84 -> OSGB36 set).
_TX, _TY, _TZ = 446.448, -125.157, 542.060  # metres
_RX, _RY, _RZ = (math.radians(s / 3600.0) for s in (0.1502, 0.2470, 0.8421))  # arc-seconds
_S = 1.0 + (-20.4894e-6)  # scale, ppm

# The grid's extent, with a margin: anything outside is not a British grid reference.
EASTING_RANGE = (0.0, 700000.0)
NORTHING_RANGE = (0.0, 1300000.0)


def _meridional_arc(lat: float, n: float, b: float) -> float:
    n2, n3 = n * n, n * n * n
    dlat, slat = lat - _LAT0, lat + _LAT0
    return (
        b
        * _F0
        * (
            (1 + n + 1.25 * n2 + 1.25 * n3) * dlat
            - (3 * n + 3 * n2 + 2.625 * n3) * math.sin(dlat) * math.cos(slat)
            + (1.875 * n2 + 1.875 * n3) * math.sin(2 * dlat) * math.cos(2 * slat)
            - (35 / 24) * n3 * math.sin(3 * dlat) * math.cos(3 * slat)
        )
    )


def grid_to_osgb36(easting: float, northing: float) -> tuple[float, float]:
    """National Grid easting/northing to OSGB36 latitude/longitude in degrees (OS guide, C.2)."""
    a, b = _AIRY_A, _AIRY_B
    e2 = 1 - (b * b) / (a * a)
    n = (a - b) / (a + b)
    lat = _LAT0
    m = 0.0
    while True:
        lat = (northing - _N0 - m) / (a * _F0) + lat
        m = _meridional_arc(lat, n, b)
        if abs(northing - _N0 - m) < 0.00001:  # 0.01 mm
            break
    sin_lat, cos_lat, tan_lat = math.sin(lat), math.cos(lat), math.tan(lat)
    nu = a * _F0 / math.sqrt(1 - e2 * sin_lat * sin_lat)
    rho = a * _F0 * (1 - e2) / (1 - e2 * sin_lat * sin_lat) ** 1.5
    eta2 = nu / rho - 1
    tan2, tan4, tan6 = tan_lat**2, tan_lat**4, tan_lat**6
    sec_lat = 1 / cos_lat
    vii = tan_lat / (2 * rho * nu)
    viii = tan_lat / (24 * rho * nu**3) * (5 + 3 * tan2 + eta2 - 9 * tan2 * eta2)
    ix = tan_lat / (720 * rho * nu**5) * (61 + 90 * tan2 + 45 * tan4)
    x = sec_lat / nu
    xi = sec_lat / (6 * nu**3) * (nu / rho + 2 * tan2)
    xii = sec_lat / (120 * nu**5) * (5 + 28 * tan2 + 24 * tan4)
    xiia = sec_lat / (5040 * nu**7) * (61 + 662 * tan2 + 1320 * tan4 + 720 * tan6)
    de = easting - _E0
    de2, de3, de4, de5, de6, de7 = de**2, de**3, de**4, de**5, de**6, de**7
    lat_out = lat - vii * de2 + viii * de4 - ix * de6
    lon_out = _LON0 + x * de - xi * de3 + xii * de5 - xiia * de7
    return math.degrees(lat_out), math.degrees(lon_out)


def _to_cartesian(lat: float, lon: float, a: float, b: float) -> tuple[float, float, float]:
    lat, lon = math.radians(lat), math.radians(lon)
    e2 = 1 - (b * b) / (a * a)
    sin_lat = math.sin(lat)
    nu = a / math.sqrt(1 - e2 * sin_lat * sin_lat)
    return (nu * math.cos(lat) * math.cos(lon), nu * math.cos(lat) * math.sin(lon), (1 - e2) * nu * sin_lat)


def _from_cartesian(x: float, y: float, z: float, a: float, b: float) -> tuple[float, float]:
    e2 = 1 - (b * b) / (a * a)
    p = math.hypot(x, y)
    lat = math.atan2(z, p * (1 - e2))
    while True:
        sin_lat = math.sin(lat)
        nu = a / math.sqrt(1 - e2 * sin_lat * sin_lat)
        new_lat = math.atan2(z + e2 * nu * sin_lat, p)
        if abs(new_lat - lat) < 1e-12:
            lat = new_lat
            break
        lat = new_lat
    return math.degrees(lat), math.degrees(math.atan2(y, x))


def osgb36_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    """OSGB36 latitude/longitude to WGS84 by the seven-parameter Helmert transformation."""
    x, y, z = _to_cartesian(lat, lon, _AIRY_A, _AIRY_B)
    x2 = _TX + _S * x - _RZ * y + _RY * z
    y2 = _TY + _RZ * x + _S * y - _RX * z
    z2 = _TZ - _RY * x + _RX * y + _S * z
    return _from_cartesian(x2, y2, z2, _WGS_A, _WGS_B)


def grid_to_wgs84(easting: float, northing: float) -> tuple[float, float]:
    """British National Grid easting/northing (metres) to WGS84 (latitude, longitude) in degrees."""
    if not (EASTING_RANGE[0] <= easting <= EASTING_RANGE[1] and NORTHING_RANGE[0] <= northing <= NORTHING_RANGE[1]):
        raise ValueError("easting/northing is outside the British National Grid")
    return osgb36_to_wgs84(*grid_to_osgb36(easting, northing))


# WGS84 -> OSGB36, as published by OS (the forward direction of the set above).
_F_TX, _F_TY, _F_TZ = -446.448, 125.157, -542.060
_F_RX, _F_RY, _F_RZ = (math.radians(s / 3600.0) for s in (-0.1502, -0.2470, -0.8421))
_F_S = 1.0 + 20.4894e-6


def wgs84_to_osgb36(lat: float, lon: float) -> tuple[float, float]:
    x, y, z = _to_cartesian(lat, lon, _WGS_A, _WGS_B)
    x2 = _F_TX + _F_S * x - _F_RZ * y + _F_RY * z
    y2 = _F_TY + _F_RZ * x + _F_S * y - _F_RX * z
    z2 = _F_TZ - _F_RY * x + _F_RX * y + _F_S * z
    return _from_cartesian(x2, y2, z2, _AIRY_A, _AIRY_B)


def osgb36_to_grid(lat: float, lon: float) -> tuple[float, float]:
    """OSGB36 latitude/longitude in degrees to National Grid easting/northing (OS guide, C.1)."""
    a, b = _AIRY_A, _AIRY_B
    e2 = 1 - (b * b) / (a * a)
    n = (a - b) / (a + b)
    lat, lon = math.radians(lat), math.radians(lon)
    sin_lat, cos_lat, tan_lat = math.sin(lat), math.cos(lat), math.tan(lat)
    nu = a * _F0 / math.sqrt(1 - e2 * sin_lat * sin_lat)
    rho = a * _F0 * (1 - e2) / (1 - e2 * sin_lat * sin_lat) ** 1.5
    eta2 = nu / rho - 1
    m = _meridional_arc(lat, n, b)
    tan2, tan4 = tan_lat**2, tan_lat**4
    i = m + _N0
    ii = nu / 2 * sin_lat * cos_lat
    iii = nu / 24 * sin_lat * cos_lat**3 * (5 - tan2 + 9 * eta2)
    iiia = nu / 720 * sin_lat * cos_lat**5 * (61 - 58 * tan2 + tan4)
    iv = nu * cos_lat
    v = nu / 6 * cos_lat**3 * (nu / rho - tan2)
    vi = nu / 120 * cos_lat**5 * (5 - 18 * tan2 + tan4 + 14 * eta2 - 58 * tan2 * eta2)
    dl = lon - _LON0
    northing = i + ii * dl**2 + iii * dl**4 + iiia * dl**6
    easting = _E0 + iv * dl + v * dl**3 + vi * dl**5
    return easting, northing


def wgs84_to_grid(latitude: float, longitude: float) -> tuple[float, float]:
    """WGS84 latitude/longitude to British National Grid easting/northing (metres)."""
    return osgb36_to_grid(*wgs84_to_osgb36(latitude, longitude))
