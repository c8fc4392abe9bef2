"""Importing addresses (CSV) and wards (GeoJSON): idempotent, bad rows reported by line."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from services.gazetteer.models import Address, Ward
from services.gazetteer.selectors import address_by_uprn, ward_for_point
from tests.services.gazetteer.borough import EAST_WARD, IN_WEST, WEST_WARD

HEADER = "UPRN,ADDRESS_LINE_1,ADDRESS_LINE_2,ADDRESS_LINE_3,TOWN,POSTCODE,LATITUDE,LONGITUDE,CLASSIFICATION_CODE\n"


def write(tmp_path, text, name="addresses.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_import_creates_addresses_with_wards(tmp_path, borough):
    path = write(
        tmp_path,
        HEADER
        + f"1001,4 Castle Street,,,Borchester,bc12ab,{IN_WEST[0]},{IN_WEST[1]},RD04\n"
        + "1002,The Bull,1 Market Square,,Borchester,BC1 2AD,52.1105,-2.2500,CR06\n",
    )
    out, err = run("gazetteer_import_addresses", path)
    assert "2 addresses created, 0 updated, 0 rows skipped" in out
    assert err == ""
    first = address_by_uprn(1001)
    assert first.postcode == "BC1 2AB"
    assert first.ward.code == "W01"
    assert first.property_type == "residential"
    assert first.single_line == "4 Castle Street, Borchester, BC1 2AB"
    second = address_by_uprn(1002)
    assert second.ward.code == "W02"
    assert second.property_type == "commercial"


@pytest.mark.django_db
def test_reimport_updates_and_never_duplicates(tmp_path, borough):
    path = write(tmp_path, HEADER + "1001,4 Castle Street,,,Borchester,BC1 2AB,52.11,-2.29,R\n")
    run("gazetteer_import_addresses", path)
    run("gazetteer_import_addresses", path)
    assert Address.objects.filter(uprn=1001).count() == 1
    path = write(tmp_path, HEADER + "1001,4A Castle Street,,,Borchester,BC1 2AB,52.11,-2.25,R\n")
    out, _ = run("gazetteer_import_addresses", path)
    assert "0 addresses created, 1 updated" in out
    address = address_by_uprn(1001)
    assert address.line_1 == "4A Castle Street"
    assert address.ward.code == "W02"  # moved across the ward boundary
    assert Address.objects.count() == 9  # 8 from the fixture + 1


@pytest.mark.django_db
def test_british_national_grid_coordinates_are_converted(tmp_path):
    path = write(
        tmp_path,
        "UPRN,ADDRESS_LINE_1,POST_TOWN,POSTCODE_LOCATOR,X_COORDINATE,Y_COORDINATE\n"
        "2001,Caister Water Tower,Great Yarmouth,NR30 5TR,651409.903,313177.270\n",
    )
    run("gazetteer_import_addresses", path)
    address = address_by_uprn(2001)
    assert address.latitude == pytest.approx(52.657979, abs=2e-6)
    assert address.longitude == pytest.approx(1.716052, abs=2e-6)
    assert address.ward is None  # outside the borough, still a valid address


@pytest.mark.django_db
def test_bad_rows_are_reported_by_line_and_the_good_ones_imported(tmp_path, borough):
    rows = [
        "3001,1 Good Road,,,Borchester,BC1 2AB,52.11,-2.29,R",  # line 2
        ",No UPRN,,,Borchester,BC1 2AB,52.11,-2.29,R",  # 3
        "12x,Bad UPRN,,,Borchester,BC1 2AB,52.11,-2.29,R",  # 4
        "3002,,,,Borchester,BC1 2AB,52.11,-2.29,R",  # 5
        "3003,3 Road,,,Borchester,NOT A CODE,52.11,-2.29,R",  # 6
        "3004,4 Road,,,Borchester,BC1 2AB,,,R",  # 7
        "3005,5 Road,,,Borchester,BC1 2AB,north,-2.29,R",  # 8
        "3006,6 Road,,,Borchester,BC1 2AB,40.0,-2.29,R",  # 9
        "3001,1 Good Road again,,,Borchester,BC1 2AB,52.11,-2.29,R",  # 10
        "3007,7 Road,,,Borchester,BC1 2AB,52.11,-2.29,R,extra",  # 11
        "3008,8 Good Road,,,Borchester,BC1 2AB,52.11,-2.29,",  # 12
    ]
    path = write(tmp_path, HEADER + "\n".join(rows) + "\n")
    out, err = run("gazetteer_import_addresses", path)
    assert "2 addresses created, 0 updated, 9 rows skipped" in out
    assert err.splitlines() == [
        "Skipped line 3: the UPRN is missing",
        "Skipped line 4: the UPRN '12x' is not a whole number of up to 12 digits",
        "Skipped line 5: address line 1 is missing",
        "Skipped line 6: the postcode 'NOT A CODE' is not in the UK postcode format",
        "Skipped line 7: it has no coordinates (latitude and longitude, or easting and northing)",
        "Skipped line 8: latitude 'north' is not a number",
        "Skipped line 9: latitude 40.000000, longitude -2.290000 is not in the United Kingdom",
        "Skipped line 10: UPRN 3001 is also on line 2",
        "Skipped line 11: it has more values than the header has columns",
    ]
    assert set(Address.objects.filter(uprn__gte=3000).values_list("uprn", flat=True)) == {3001, 3008}


@pytest.mark.django_db
def test_a_file_without_the_needed_columns_is_refused(tmp_path):
    path = write(tmp_path, "ID,STREET,POSTCODE\n1,High Street,BC1 2AB\n")
    with pytest.raises(CommandError, match=r"no column for: uprn, line_1, latitude and longitude"):
        run("gazetteer_import_addresses", path)
    with pytest.raises(CommandError, match="Cannot read"):
        run("gazetteer_import_addresses", str(tmp_path / "missing.csv"))


@pytest.mark.django_db
def test_import_shows_progress(tmp_path):
    rows = "".join(f"{4000 + n},{n} Long Road,,,Borchester,BC1 2AB,52.11,-2.29,R\n" for n in range(2500))
    out, _ = run("gazetteer_import_addresses", write(tmp_path, HEADER + rows))
    assert "Importing addresses [" in out
    assert "100% 2,500/2,500" in out
    assert "2,500 addresses created" in out


def feature(code, name, geometry):
    return {"type": "Feature", "properties": {"WD24CD": code, "WD24NM": name}, "geometry": geometry}


@pytest.mark.django_db
def test_ward_import_is_idempotent_and_reassigns_addresses(tmp_path):
    Address.objects.create(
        uprn=5001, line_1="1 Road", town="Borchester", postcode="BC1 2AB", latitude=IN_WEST[0], longitude=IN_WEST[1]
    )
    collection = {"type": "FeatureCollection", "features": [feature("E05000001", "West", WEST_WARD)]}
    path = write(tmp_path, json.dumps(collection), "wards.geojson")
    out, _ = run("gazetteer_import_wards", path)
    assert "1 wards created, 0 updated" in out
    assert address_by_uprn(5001).ward.code == "E05000001"
    # Boundaries change: the west ward now covers the east square only.
    collection["features"] = [feature("E05000001", "West renamed", EAST_WARD)]
    path = write(tmp_path, json.dumps(collection), "wards.geojson")
    out, _ = run("gazetteer_import_wards", path)
    assert "0 wards created, 1 updated" in out
    assert Ward.objects.count() == 1
    assert Ward.objects.get().name == "West renamed"
    assert address_by_uprn(5001).ward is None


@pytest.mark.django_db
def test_ward_boundaries_in_british_national_grid_are_converted(tmp_path):
    # A 2 km square around Caister water tower, in EPSG:27700.
    e, n = 651409.903, 313177.270
    ring = [
        [e - 1000, n - 1000],
        [e + 1000, n - 1000],
        [e + 1000, n + 1000],
        [e - 1000, n + 1000],
        [e - 1000, n - 1000],
    ]
    collection = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},
        "features": [feature("E05000002", "Caister", {"type": "Polygon", "coordinates": [ring]})],
    }
    run("gazetteer_import_wards", write(tmp_path, json.dumps(collection), "wards.geojson"))
    assert ward_for_point(latitude=52.657979, longitude=1.716052).code == "E05000002"
    assert ward_for_point(latitude=52.70, longitude=1.716052) is None


@pytest.mark.django_db
def test_bad_ward_features_are_reported_and_the_good_ones_imported(tmp_path):
    collection = {
        "type": "FeatureCollection",
        "features": [
            feature("E1", "Good", WEST_WARD),
            {"type": "Feature", "properties": {"name": "No code"}, "geometry": EAST_WARD},
            feature("E3", "A point", {"type": "Point", "coordinates": [-2.2, 52.1]}),
            feature("E4", "Too few", {"type": "Polygon", "coordinates": [[[-2.2, 52.1], [-2.1, 52.1], [-2.2, 52.1]]]}),
            feature("E1", "Again", EAST_WARD),
        ],
    }
    out, err = run("gazetteer_import_wards", write(tmp_path, json.dumps(collection), "wards.geojson"))
    assert "1 wards created, 0 updated, 4 features skipped" in out
    assert err.splitlines() == [
        "Skipped feature 2: the ward code is missing (a 'code' property)",
        "Skipped feature 3: ward E3: the geometry is a Point, not a Polygon or MultiPolygon",
        "Skipped feature 4: ward E4: a ring has fewer than four positions",
        "Skipped feature 5: ward E1 is also feature 1",
    ]


@pytest.mark.django_db
def test_a_file_that_is_not_geojson_is_refused(tmp_path):
    with pytest.raises(CommandError, match="not JSON"):
        run("gazetteer_import_wards", write(tmp_path, "nope", "wards.geojson"))
    with pytest.raises(CommandError, match="not a GeoJSON FeatureCollection"):
        run("gazetteer_import_wards", write(tmp_path, "[]", "wards.geojson"))
