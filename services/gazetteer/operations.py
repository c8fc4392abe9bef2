"""Writes to the gazetteer: importing addresses and wards, and placing addresses in wards.

Imports are idempotent (keyed on UPRN and ward code: a second run updates, never
duplicates), report each bad row with its line number and reason, and carry on with
the good ones. Commands, the demo loader and the benchmark all call these.
"""

import csv
import io
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from services.gazetteer.geometry import GeometryError, map_positions, polygons_from_geojson
from services.gazetteer.grid import grid_to_wgs84
from services.gazetteer.models import Address, PropertyType, Ward
from services.gazetteer.selectors import normalise_postcode, ward_index_invalidate, ward_locator

Progress = Callable[[int, int], None]

# Latitude/longitude that can belong to a UK address (the mainland, islands and a margin).
UK_LATITUDE = (49.0, 61.5)
UK_LONGITUDE = (-9.0, 2.5)
MAX_UPRN = 999_999_999_999  # twelve digits

# Column names as they come from a local land and property gazetteer (LLPG) or
# AddressBase extract, matched case-insensitively; spaces and hyphens count as "_".
COLUMN_ALIASES = {
    "uprn": ["uprn"],
    "line_1": ["line_1", "address_line_1", "address1", "addr1", "line1"],
    "line_2": ["line_2", "address_line_2", "address2", "addr2", "line2"],
    "line_3": ["line_3", "address_line_3", "address3", "addr3", "line3"],
    "town": ["town", "post_town", "posttown", "town_name"],
    "postcode": ["postcode", "postcode_locator", "post_code"],
    "latitude": ["latitude", "lat"],
    "longitude": ["longitude", "lng", "lon", "long"],
    "easting": ["easting", "x_coordinate", "x"],
    "northing": ["northing", "y_coordinate", "y"],
    "property_type": ["property_type", "classification_code", "classification", "class"],
}
REQUIRED_COLUMNS = ["uprn", "line_1", "postcode"]

# AddressBase classification codes start with a letter naming the primary class.
_CLASSIFICATION_LETTERS = {
    "R": PropertyType.RESIDENTIAL,
    "C": PropertyType.COMMERCIAL,
    "X": PropertyType.MIXED,
    "L": PropertyType.LAND,
}
_PROPERTY_TYPE_VALUES = {choice.value: choice for choice in PropertyType} | {
    label.lower(): PropertyType(value) for value, label in PropertyType.choices
}


class ImportFileError(ValueError):
    """The whole file cannot be imported (wrong columns, not CSV or GeoJSON)."""


class RowError(ValueError):
    """One row cannot be imported; the message says why."""


@dataclass(frozen=True)
class RowProblem:
    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated


# --- Addresses ---------------------------------------------------------------------


def _column_key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", (name or "").strip().lower())


def address_columns(header: Iterable[str]) -> dict[str, str]:
    """Map our field names to the file's column names; ImportFileError when required ones are missing."""
    present = {_column_key(name): name for name in header if name}
    columns = {}
    for ours, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in present:
                columns[ours] = present[alias]
                break
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    has_lat_lng = "latitude" in columns and "longitude" in columns
    has_grid = "easting" in columns and "northing" in columns
    if not (has_lat_lng or has_grid):
        missing.append("latitude and longitude, or easting and northing")
    if missing:
        raise ImportFileError(f"The file has no column for: {', '.join(missing)}.")
    return columns


def _number(value: str, name: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise RowError(f"{name} {value!r} is not a number") from None
    if not math.isfinite(number):
        raise RowError(f"{name} {value!r} is not a number")
    return number


def _property_type(value: str) -> str:
    text = (value or "").strip()
    if not text:
        return PropertyType.RESIDENTIAL
    if text.lower() in _PROPERTY_TYPE_VALUES:
        return _PROPERTY_TYPE_VALUES[text.lower()]
    return _CLASSIFICATION_LETTERS.get(text[0].upper(), PropertyType.OTHER)


def address_from_row(row: dict[str, str], columns: dict[str, str]) -> dict:
    """One CSV row as Address field values; RowError says what is wrong with it."""

    def value(name: str) -> str:
        column = columns.get(name)
        return (row.get(column) or "").strip() if column else ""

    raw_uprn = value("uprn")
    if not raw_uprn:
        raise RowError("the UPRN is missing")
    if not raw_uprn.isdigit() or not 0 < int(raw_uprn) <= MAX_UPRN:
        raise RowError(f"the UPRN {raw_uprn!r} is not a whole number of up to 12 digits")
    line_1 = value("line_1")
    if not line_1:
        raise RowError("address line 1 is missing")
    raw_postcode = value("postcode")
    if not raw_postcode:
        raise RowError("the postcode is missing")
    postcode = normalise_postcode(raw_postcode)
    if postcode is None:
        raise RowError(f"the postcode {raw_postcode!r} is not in the UK postcode format")

    lat_text, lng_text = value("latitude"), value("longitude")
    east_text, north_text = value("easting"), value("northing")
    if lat_text or lng_text:
        if not (lat_text and lng_text):
            raise RowError("it has only one of latitude and longitude")
        latitude, longitude = _number(lat_text, "latitude"), _number(lng_text, "longitude")
    elif east_text or north_text:
        if not (east_text and north_text):
            raise RowError("it has only one of easting and northing")
        easting, northing = _number(east_text, "easting"), _number(north_text, "northing")
        try:
            latitude, longitude = grid_to_wgs84(easting, northing)
        except ValueError:
            raise RowError(f"easting {east_text}, northing {north_text} is outside the British National Grid") from None
    else:
        raise RowError("it has no coordinates (latitude and longitude, or easting and northing)")
    if not (UK_LATITUDE[0] <= latitude <= UK_LATITUDE[1] and UK_LONGITUDE[0] <= longitude <= UK_LONGITUDE[1]):
        raise RowError(f"latitude {latitude:.6f}, longitude {longitude:.6f} is not in the United Kingdom")

    town = value("town")
    if not town:
        raise RowError("the town is missing")
    fields = {
        "uprn": int(raw_uprn),
        "line_1": line_1,
        "line_2": value("line_2"),
        "line_3": value("line_3"),
        "town": town,
        "postcode": postcode,
        "latitude": round(latitude, 7),
        "longitude": round(longitude, 7),
        "property_type": _property_type(value("property_type")),
    }
    for name in ("line_1", "line_2", "line_3", "town"):
        if len(fields[name]) > Address._meta.get_field(name).max_length:
            limit = Address._meta.get_field(name).max_length
            raise RowError(f"{name.replace('_', ' ')} is longer than {limit} characters")
    return fields


_COLUMNS = ["uprn", "line_1", "line_2", "line_3", "town", "postcode", "latitude", "longitude", "ward", "property_type"]


def _upsert_sql(connection) -> str:
    """One parameterised INSERT ... ON CONFLICT (uprn) DO UPDATE statement (SQLite and
    PostgreSQL share the syntax). Names come from the model, values are bound parameters."""
    quote = connection.ops.quote_name
    columns = [Address._meta.get_field(name).column for name in [*_COLUMNS, "updated_at"]]
    names = ", ".join(quote(column) for column in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    updates = ", ".join(f"{quote(column)} = EXCLUDED.{quote(column)}" for column in columns[1:])
    table = quote(Address._meta.db_table)
    # Names come from the model, never from input; values are bound parameters.
    insert = f"INSERT INTO {table} ({names}) VALUES ({placeholders}) "  # noqa: S608
    return insert + f"ON CONFLICT ({quote(columns[0])}) DO UPDATE SET {updates}"


def _save_batch(batch: list[tuple], report: ImportReport) -> None:
    """Insert or update a batch of rows (tuples in _COLUMNS order). executemany with bound
    parameters is several times faster than bulk_create for tens of thousands of rows."""
    uprns = [row[0] for row in batch]
    with transaction.atomic():
        existing = set(Address.objects.filter(uprn__in=uprns).values_list("uprn", flat=True))
        connection = transaction.get_connection()
        if connection.vendor in {"sqlite", "postgresql"}:
            now = connection.ops.adapt_datetimefield_value(timezone.now())
            with connection.cursor() as cursor:
                cursor.executemany(_upsert_sql(connection), [(*row, now) for row in batch])
        else:
            Address.objects.bulk_create(
                [Address(**dict(zip(_COLUMNS[:-2], row[:-2], strict=True)), ward_id=row[-2], property_type=row[-1])
                 for row in batch],
                update_conflicts=True,
                unique_fields=["uprn"],
                update_fields=[*_COLUMNS[1:], "updated_at"],
            )  # fmt: skip
    report.updated += len(existing)
    report.created += len(batch) - len(existing)


def _refresh_planner_statistics() -> None:
    """After a bulk load PostgreSQL's planner still thinks the table is small until autovacuum
    catches up, and may scan it whole for a postcode; ANALYZE now (a fraction of a second)."""
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Address._meta.db_table)}")


def addresses_import(
    *,
    rows: Iterable[tuple[int, dict]],
    total: int = 0,
    progress: Progress | None = None,
    batch_size: int = 2000,
) -> ImportReport:
    """Create or update addresses from ``(line_number, fields)`` pairs, where fields are
    Address field values or a RowError for a row that could not be read. Each address is
    placed in the ward its point falls in (None outside the borough)."""
    report = ImportReport()
    seen: dict[int, int] = {}
    batch: list[tuple] = []
    done = 0
    locate = ward_locator()
    for line, fields in rows:
        done += 1
        if isinstance(fields, RowError):
            report.problems.append(RowProblem(line, str(fields)))
        elif fields["uprn"] in seen:
            report.problems.append(RowProblem(line, f"UPRN {fields['uprn']} is also on line {seen[fields['uprn']]}"))
        else:
            seen[fields["uprn"]] = line
            ward = locate(fields["latitude"], fields["longitude"])
            batch.append(
                (
                    fields["uprn"],
                    fields["line_1"],
                    fields.get("line_2", ""),
                    fields.get("line_3", ""),
                    fields["town"],
                    fields["postcode"],
                    float(fields["latitude"]),
                    float(fields["longitude"]),
                    ward.pk if ward else None,
                    str(fields.get("property_type") or PropertyType.RESIDENTIAL),
                )
            )
            if len(batch) >= batch_size:
                _save_batch(batch, report)
                batch = []
        if progress and (done % 1000 == 0):
            progress(done, total)
    if batch:
        _save_batch(batch, report)
    if report.imported > 1000:
        _refresh_planner_statistics()
    if progress:
        progress(done, max(total, done))
    return report


def _csv_rows(reader: csv.DictReader, columns: dict[str, str]) -> Iterator[tuple[int, dict]]:
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield reader.line_num, RowError(f"it is not valid CSV ({error})")
            continue
        if None in row:
            yield reader.line_num, RowError("it has more values than the header has columns")
            continue
        try:
            yield reader.line_num, address_from_row(row, columns)
        except RowError as error:
            yield reader.line_num, error


def addresses_import_csv(*, file: io.TextIOBase, progress: Progress | None = None) -> ImportReport:
    """Import an LLPG/AddressBase-style CSV (see COLUMN_ALIASES for the columns understood).
    Coordinates may be latitude/longitude (WGS84) or British National Grid easting/northing."""
    text = file.read()
    if text.startswith("\ufeff"):
        text = text[1:]
    total = max(text.count("\n") - 1, 0)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if not reader.fieldnames:
        raise ImportFileError("The file is empty: it has no header row.")
    columns = address_columns(reader.fieldnames)
    return addresses_import(rows=_csv_rows(reader, columns), total=total, progress=progress)


def addresses_assign_wards(*, progress: Progress | None = None) -> int:
    """Put every address in the ward its point now falls in (after boundaries change).
    Returns how many addresses moved."""
    moves: dict[int | None, list[int]] = defaultdict(list)
    total = Address.objects.count()
    done = 0
    locate = ward_locator()
    for uprn, lat, lng, ward_id in Address.objects.values_list("uprn", "latitude", "longitude", "ward_id").iterator(
        chunk_size=5000
    ):
        ward = locate(lat, lng)
        new_id = ward.pk if ward else None
        if new_id != ward_id:
            moves[new_id].append(uprn)
        done += 1
        if progress and done % 5000 == 0:
            progress(done, total)
    moved = 0
    with transaction.atomic():
        for ward_id, uprns in moves.items():
            for start in range(0, len(uprns), 1000):
                chunk = uprns[start : start + 1000]
                moved += Address.objects.filter(uprn__in=chunk).update(ward_id=ward_id)
    if progress:
        progress(total, total)
    return moved


# --- Wards -----------------------------------------------------------------------------

_CODE_PROPERTY = re.compile(r"^(code|ward_code|wd\d{2}cd)$", re.IGNORECASE)
_NAME_PROPERTY = re.compile(r"^(name|ward_name|wd\d{2}nm)$", re.IGNORECASE)


def _feature_property(properties: dict, pattern: re.Pattern) -> str:
    for key, value in properties.items():
        if pattern.match(str(key)) and value not in (None, ""):
            return str(value).strip()
    return ""


def _is_british_national_grid(collection: dict, geometry: dict) -> bool:
    crs_name = str(((collection.get("crs") or {}).get("properties") or {}).get("name", ""))
    if "27700" in crs_name:
        return True
    first = polygons_from_geojson(geometry)[0][0][0]
    return abs(first[0]) > 180 or abs(first[1]) > 90


def _grid_position(x: float, y: float) -> tuple[float, float]:
    lat, lng = grid_to_wgs84(x, y)
    return round(lng, 7), round(lat, 7)


def wards_import_geojson(
    *, file: io.TextIOBase, reassign_addresses: bool = True, progress: Progress | None = None
) -> ImportReport:
    """Create or update wards from a GeoJSON FeatureCollection whose features carry a code
    and a name (``code``/``name``, or ONS's ``WDyyCD``/``WDyyNM``) and a Polygon or
    MultiPolygon in WGS84 or British National Grid (EPSG:27700). A problem's ``line`` is
    the feature's number (1 for the first)."""
    try:
        collection = json.load(file)
    except json.JSONDecodeError as error:
        raise ImportFileError(f"The file is not JSON: {error}.") from None
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise ImportFileError("The file is not a GeoJSON FeatureCollection.")
    features = collection.get("features") or []
    report = ImportReport()
    seen: dict[str, int] = {}
    for number, feature in enumerate(features, start=1):
        try:
            if not isinstance(feature, dict):
                raise RowError("it is not a GeoJSON feature")
            properties = feature.get("properties") or {}
            code = _feature_property(properties, _CODE_PROPERTY)
            name = _feature_property(properties, _NAME_PROPERTY)
            if not code:
                raise RowError("the ward code is missing (a 'code' property)")
            if not name:
                raise RowError(f"ward {code} has no name (a 'name' property)")
            if code in seen:
                raise RowError(f"ward {code} is also feature {seen[code]}")
            geometry = feature.get("geometry")
            try:
                if _is_british_national_grid(collection, geometry):
                    geometry = map_positions(geometry, _grid_position)
                else:
                    geometry = map_positions(geometry, lambda x, y: (x, y))
            except GeometryError as error:
                raise RowError(f"ward {code}: {error}") from None
            except ValueError:
                raise RowError(f"ward {code}: a position is outside the British National Grid") from None
            if len(code) > 20 or len(name) > 120:
                raise RowError(f"ward {code[:20]}: the code or name is too long")
            seen[code] = number
            _, created = Ward.objects.update_or_create(code=code, defaults={"name": name, "boundary": geometry})
            if created:
                report.created += 1
            else:
                report.updated += 1
        except RowError as error:
            report.problems.append(RowProblem(number, str(error)))
        if progress:
            progress(number, len(features))
    ward_index_invalidate()
    if reassign_addresses and report.imported:
        addresses_assign_wards()
    return report
