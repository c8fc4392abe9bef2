"""The address lookup and the map picker in a real browser: with the mouse, with the
keyboard only, and without JavaScript; axe finds nothing."""

import base64

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.services.gazetteer.borough import make_small_borough

pytestmark = pytest.mark.django_db(transaction=True)

# A 1x1 transparent PNG stands in for map tiles: the tile server is not reachable from tests.
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@pytest.fixture
def borough(transactional_db, restore_migrated_data):
    return make_small_borough()


@pytest.fixture
def map_page(page):
    def blank(route):
        route.fulfill(body=BLANK_TILE, content_type="image/png")

    page.route("https://*.openstreetmap.org/**", blank)
    page.route("https://tile.openstreetmap.org/**", blank)
    return page


def _hidden_values(page):
    return page.locator("#id_location-latitude").input_value(), page.locator("#id_location-longitude").input_value()


def test_place_a_location_by_clicking_the_map(map_page, borough):
    page = map_page
    page.goto("/places/check-a-location/")
    canvas = page.locator(".gazetteer-map__canvas")
    canvas.wait_for()
    assert page.get_by_role("button", name="Put the pin in the centre of the map").is_visible()
    assert page.get_by_role("button", name="Use my location").is_visible()
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    # The map fits the borough: two wards side by side. A quarter of the way across is the west ward.
    page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.5)
    latitude, longitude = _hidden_values(page)
    assert 52.10 < float(latitude) < 52.12
    assert -2.30 < float(longitude) < -2.27
    page.get_by_role("status").filter(has_text="Borchester Castle ward").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Borchester Castle ward")
    assert page.csp_violations == []


def test_place_a_location_with_the_keyboard_only(map_page, borough):
    page = map_page
    page.goto("/places/check-a-location/")
    page.locator(".gazetteer-map__canvas").wait_for()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('leaflet-container')"):
            break
    else:
        pytest.fail("The map cannot be reached with the Tab key")
    page.keyboard.press("ArrowRight")  # pan the map east: the centre moves into the east ward
    page.wait_for_timeout(400)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Put the pin in the centre of the map":
            break
    else:
        pytest.fail("The centre button cannot be reached with the Tab key")
    page.keyboard.press("Enter")
    latitude, longitude = _hidden_values(page)
    assert 52.10 < float(latitude) < 52.12
    assert -2.27 < float(longitude) < -2.24
    page.get_by_role("status").filter(has_text="Felpersham North ward").wait_for()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_location-description":
            break
    else:
        pytest.fail("The description cannot be reached with the Tab key")
    page.keyboard.type("Pothole by the kerb")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # Continue
    expect(page.get_by_role("heading", level=1)).to_have_text("Felpersham North ward")
    assert "Pothole by the kerb" in page.content()
    assert page.csp_violations == []


def test_the_pin_moves_with_the_arrow_keys(map_page, borough):
    page = map_page
    page.goto("/places/check-a-location/")
    page.get_by_role("button", name="Put the pin in the centre of the map").click()
    latitude, longitude = _hidden_values(page)
    page.locator(".leaflet-marker-icon").focus()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowLeft")
    assert float(_hidden_values(page)[0]) > float(latitude)
    assert float(_hidden_values(page)[1]) < float(longitude)


def test_a_place_outside_the_borough_is_refused(map_page, borough):
    page = map_page
    page.goto("/places/check-a-location/")
    canvas = page.locator(".gazetteer-map__canvas")
    canvas.focus()
    for _ in range(10):  # pan well to the west of the borough
        page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(100)
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Put the pin in the centre of the map").click()
    assert float(_hidden_values(page)[1]) < -2.30
    page.get_by_role("status").filter(has_text="outside Borsetshire").wait_for()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="find the council for that area on GOV.UK")).to_be_visible()
    assert_accessible(page)


def test_location_without_javascript_is_described_in_words(no_js_page, borough):
    page = no_js_page
    page.goto("/places/check-a-location/")
    assert not page.locator(".gazetteer-map").is_visible()
    page.get_by_label("Describe the location").fill("By the bus stop on Station Road, Felpersham")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Location noted")
    assert "By the bus stop on Station Road, Felpersham" in page.content()


def test_find_an_address_without_javascript(no_js_page, borough):
    page = no_js_page
    page.goto("/places/find-your-ward/")
    page.get_by_label("Postcode").fill("bc1 2a")
    page.get_by_role("button", name="Find address").click()
    expect(page.get_by_role("link", name="Enter a full postcode in the right format, like BC1 2AB")).to_be_visible()
    assert page.get_by_label("Postcode").input_value() == "bc1 2a"
    page.get_by_label("Postcode").fill("bc12ab")
    page.get_by_label("Postcode").press("Enter")
    select = page.get_by_label("Select an address")
    assert select.locator("option").first.inner_text() == "7 addresses found"
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("link", name="Select an address")).to_be_visible()
    page.get_by_label("Select an address").select_option(label="2 Mill Lane, Borchester, BC1 2AB")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Borchester Castle ward")


def test_enter_an_address_manually_without_javascript(no_js_page, borough):
    page = no_js_page
    page.goto("/places/find-your-ward/")
    page.get_by_role("button", name="Enter the address manually").click()
    page.get_by_label("Address line 1").fill("Plot 4, New Meadow")
    page.get_by_label("Town or city").fill("Borchester")
    page.get_by_label("Postcode").fill("BC1 9ZZ")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Plot 4, New Meadow, Borchester, BC1 9ZZ")).to_be_visible()


def test_address_lookup_stages_are_accessible(page, borough):
    page.goto("/places/find-your-ward/")
    assert_accessible(page)
    page.get_by_label("Postcode").fill("BC9 9ZZ")
    page.get_by_role("button", name="Find address").click()
    expect(page.get_by_text("We could not find any addresses in Borsetshire for BC9 9ZZ").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Postcode").fill("BC1 2AB")
    page.get_by_role("button", name="Find address").click()
    expect(page.get_by_label("Select an address")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="I cannot find the address in the list").click()
    expect(page.get_by_label("Address line 1")).to_be_visible()
    assert page.get_by_label("Postcode").input_value() == "BC1 2AB"
    assert_accessible(page)
    assert page.csp_violations == []


def test_use_my_location(browser, live_server, borough):
    context = browser.new_context(
        base_url=live_server.url, geolocation={"latitude": 52.111, "longitude": -2.255}, permissions=["geolocation"]
    )
    try:
        page = context.new_page()
        page.route("https://*.openstreetmap.org/**", lambda route: route.fulfill(body=BLANK_TILE))
        page.goto("/places/check-a-location/")
        page.get_by_role("button", name="Use my location").click()
        page.get_by_role("status").filter(has_text="Felpersham North ward").wait_for()
        assert _hidden_values(page) == ("52.111000", "-2.255000")
    finally:
        context.close()
