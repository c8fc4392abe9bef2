import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_is_accessible_and_lists_services(page, demo_pages):
    page.goto("/")
    assert page.title().startswith("Borsetshire Council")
    assert page.get_by_role("heading", level=1).inner_text() == "Borsetshire Council"
    page.get_by_role("link", name="Bins and recycling").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bins and recycling"
    assert page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Home").is_visible()
    assert_accessible(page)
    assert page.csp_violations == []


def test_skip_link_moves_focus_to_main_content(page, demo_pages, live_server):
    page.context.add_cookies([{"name": "cookies_policy", "value": "rejected", "url": live_server.url}])
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.url.endswith("#main-content")


def test_404_page_is_styled_and_accessible(page, demo_pages):
    response = page.goto("/no-such-page/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert page.get_by_role("link", name="go to the home page").is_visible()
    assert_accessible(page)


def test_cookie_banner_works_without_javascript(no_js_page, demo_pages):
    no_js_page.goto("/parking/")
    banner = no_js_page.get_by_role("region", name="Cookies on Borsetshire Council")
    assert banner.is_visible()
    assert {cookie["name"] for cookie in no_js_page.context.cookies()} <= {"csrftoken", "sessionid"}
    no_js_page.get_by_role("button", name="Reject additional cookies").click()
    assert no_js_page.url.endswith("/parking/")
    assert "You've rejected additional cookies." in no_js_page.content()
    cookies = {cookie["name"]: cookie["value"] for cookie in no_js_page.context.cookies()}
    assert cookies["cookies_policy"] == "rejected"
    no_js_page.goto("/parking/")
    assert not no_js_page.get_by_role("button", name="Accept additional cookies").count()
