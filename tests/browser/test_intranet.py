"""The intranet in a real browser: staff sign in with the second factor on the
intranet's own host, then every intranet page type passes axe-core."""

import io

import pytest
from django.core.management.color import no_style

from services.staff.operations import current_totp_code
from tests.browser.conftest import assert_accessible
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def intranet_demo(settings, tmp_path, demo_pages):
    from intranet import demo
    from services.staff import demo as staff_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    staff_demo.load(stdout=io.StringIO(), style=no_style())
    demo.load(stdout=io.StringIO(), style=no_style())


def _intranet(live_server, path="/"):
    port = live_server.url.rsplit(":", 1)[1]
    return f"http://intranet.localhost:{port}{path}"


def test_staff_sign_in_to_the_intranet_and_every_page_type_is_accessible(page, live_server, staff_user, intranet_demo):
    from intranet.models import INTRANET_PAGE_TYPES, IntranetHomePage

    page.goto(_intranet(live_server, "/policies/"))
    assert "/admin/login/" in page.url
    assert "Policies" not in page.title()
    page.get_by_label("Username").fill(staff_user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/2fa/**")
    page.get_by_label("Security code").fill(current_totp_code(staff_user.totp_device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(_intranet(live_server, "/policies/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Policies"
    assert page.get_by_role("link", name="Staff intranet").first.is_visible()

    home = IntranetHomePage.objects.get()
    paths = ["/find/?q=policy"]
    for model in INTRANET_PAGE_TYPES:
        paths.append(model.objects.live().descendant_of(home, inclusive=True).first().get_url_parts()[2])
    for path in paths:
        page.goto(_intranet(live_server, path))
        assert page.get_by_role("heading", level=1).is_visible(), path
        assert_accessible(page)
    assert page.csp_violations == []

    # The intranet's header is not the public site's.
    page.goto(_intranet(live_server, "/"))
    intranet_colour = page.locator(".council-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert page.get_by_text("Signed in as").is_visible()
    page.goto(live_server.url + "/")
    public_colour = page.locator(".council-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert intranet_colour != public_colour

    # Signing out ends intranet access.
    page.goto(_intranet(live_server, "/"))
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/admin/login/**")
    page.goto(_intranet(live_server, "/events/"))
    assert "/admin/login/" in page.url


def test_the_directory_filter_works_without_javascript(no_js_page, live_server, staff_user, intranet_demo):
    page = no_js_page
    page.goto(_intranet(live_server, "/staff-directory/"))
    page.get_by_label("Username").fill(staff_user.username)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/2fa/**")
    page.get_by_label("Security code").fill(current_totp_code(staff_user.totp_device))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(_intranet(live_server, "/staff-directory/"))
    page.get_by_label("Team").select_option("Communications")
    page.get_by_role("button", name="Find staff").click()
    table = page.get_by_role("table")
    assert "Erin Editor" in table.inner_text()
    assert "Alex Admin" not in table.inner_text()


def test_anonymous_visitors_get_the_sign_in_page_and_nothing_else(no_js_page, live_server, intranet_demo):
    no_js_page.goto(_intranet(live_server, "/news/new-contact-centre-system/"))
    assert "/admin/login/" in no_js_page.url
    assert "contact centre" not in no_js_page.content().lower()
