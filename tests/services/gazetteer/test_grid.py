"""British National Grid to latitude/longitude, checked against Ordnance Survey's published points."""

import pytest

from services.gazetteer.grid import grid_to_osgb36, grid_to_wgs84, osgb36_to_grid, wgs84_to_grid


def dms(degrees, minutes, seconds):
    return degrees + minutes / 60 + seconds / 3600


def test_ordnance_survey_worked_example_to_osgb36():
    # "A guide to coordinate systems in Great Britain", Annex C: Caister water tower.
    lat, lon = grid_to_osgb36(651409.903, 313177.270)
    assert lat == pytest.approx(dms(52, 39, 27.2531), abs=3e-8)  # 0.0001 arc-seconds, about 3 mm
    assert lon == pytest.approx(dms(1, 43, 4.5177), abs=3e-8)


def test_ordnance_survey_worked_example_to_wgs84():
    # The same point after OS's seven-parameter Helmert transformation (as published with
    # the OS guide's formulae, e.g. Movable Type's geodesy library): 52°39'28.723"N, 1°42'57.787"E.
    lat, lon = grid_to_wgs84(651409.903, 313177.270)
    assert lat == pytest.approx(dms(52, 39, 28.723), abs=0.001 / 3600)
    assert lon == pytest.approx(dms(1, 42, 57.787), abs=0.001 / 3600)


def test_true_origin_of_the_grid_is_49_north_2_west_on_osgb36():
    lat, lon = grid_to_osgb36(400000, -100000 + 0.0)
    assert lat == pytest.approx(49.0, abs=1e-9)
    assert lon == pytest.approx(-2.0, abs=1e-9)


def test_epsg_guidance_note_example():
    # EPSG Guidance Note 7-2 Transverse Mercator example: E 577274.99, N 69740.49 is 50°30'N, 0°30'E (OSGB36).
    lat, lon = grid_to_osgb36(577274.99, 69740.49)
    assert lat == pytest.approx(50.5, abs=1e-7)
    assert lon == pytest.approx(0.5, abs=1e-7)


def test_the_datum_shift_is_the_expected_size():
    # OSGB36 and WGS84 differ by up to about 120 m in Britain; a missing Helmert step would show.
    osgb = grid_to_osgb36(383000, 255000)
    wgs = grid_to_wgs84(383000, 255000)
    assert 0.00005 < abs(osgb[0] - wgs[0]) < 0.001
    assert 0.0005 < abs(osgb[1] - wgs[1]) < 0.002


@pytest.mark.parametrize("easting, northing", [(-1, 100), (800000, 100), (100, 1400000)])
def test_points_off_the_grid_are_refused(easting, northing):
    with pytest.raises(ValueError):
        grid_to_wgs84(easting, northing)


def test_ordnance_survey_worked_example_forward():
    easting, northing = osgb36_to_grid(dms(52, 39, 27.2531), dms(1, 43, 4.5177))
    assert easting == pytest.approx(651409.903, abs=0.001)
    assert northing == pytest.approx(313177.270, abs=0.001)


@pytest.mark.parametrize(
    "easting, northing", [(651409.903, 313177.270), (383000, 255000), (130000, 30000), (330000, 1000000)]
)
def test_round_trip_through_wgs84_is_within_a_centimetre(easting, northing):
    back = wgs84_to_grid(*grid_to_wgs84(easting, northing))
    assert back[0] == pytest.approx(easting, abs=0.01)
    assert back[1] == pytest.approx(northing, abs=0.01)
