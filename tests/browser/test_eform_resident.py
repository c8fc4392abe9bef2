"""A resident completes a multi-step form with a photo, with and without JavaScript;
axe finds nothing on any step."""

import io

import pytest
from PIL import Image
from wagtail.models import Site

from services.cases.models import Case
from services.forms.models import ServicePage
from tests.browser.conftest import assert_accessible
from tests.services.forms.conftest import make_form

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fly_tip_service(demo_pages, settings, tmp_path):
    settings.EFORM_MIN_FILL_SECONDS = 0
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    form = make_form()
    home = Site.objects.get(is_default_site=True).root_page
    page = ServicePage(
        title="Report fly-tipping",
        slug="report-fly-tipping",
        summary="Tell us about rubbish dumped on public land.",
        form=form,
        other_ways="<p>Call 01632 960 000.</p>",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return form


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 10)).save(out, format="JPEG")
    return out.getvalue()


def _complete(page, *, check=assert_accessible, js=True):
    page.goto("/report-fly-tipping/")
    check(page)
    page.get_by_role("button", name="Start now").click()

    # Step 1: an error first, summarised with a link to the field.
    page.wait_for_url("**/step/1/")
    check(page)
    page.get_by_role("button", name="Continue").click()
    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    assert page.title().startswith("Error:")
    check(page)
    summary.get_by_role("link", name="Select an answer for ‘What has been dumped?’").click()
    # Without JavaScript the link jumps to the field; with it, GOV.UK Frontend moves focus there.
    assert page.url.endswith("#q-what") or page.evaluate("document.activeElement.id") == "q-what"
    # The follow-up question is on this page: revealed as "Other" is chosen, or always
    # there without JavaScript, with a note saying when it applies.
    follow_up = page.get_by_label("What else was dumped?")
    assert follow_up.is_visible() == (not js)
    assert page.get_by_text("If you chose ‘Other’ above:").is_visible() == (not js)
    page.get_by_label("Other").check()
    assert follow_up.is_visible()
    follow_up.fill("A mattress")
    page.get_by_label("How many bags or items?").fill("1")
    check(page)
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/step/2/")
    check(page)
    if js:  # the map fills in the hidden coordinates; the description works either way
        from services.gazetteer.demo import demo_wards_load

        demo_wards_load()  # the map starts in the middle of the demo borough
        page.get_by_role("application", name="Map: select the place").click()
        assert page.locator("#q-where-latitude").input_value()
    page.get_by_label("Describe the location").fill("Layby on Mill Lane, opposite the farm shop")
    page.get_by_label("Day").fill("2")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2025")
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/step/3/")
    check(page)
    page.get_by_label("Add photos of the fly-tip").set_input_files(
        files=[{"name": "flytip.jpg", "mimeType": "image/jpeg", "buffer": _photo()}]
    )
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/your-details/")
    check(page)
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/check-your-answers/")
    check(page)
    assert "A mattress" in page.content() and "flytip.jpg" in page.content()
    # Change an answer and come back to the check page.
    page.get_by_role("link", name="Change how many bags or items?").click()
    page.get_by_label("How many bags or items?").fill("2")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/check-your-answers/")
    page.get_by_role("button", name="Accept and send").click()

    page.wait_for_url("**/confirmation/")
    check(page)
    case = Case.objects.get()
    assert case.reference in page.get_by_role("heading", level=1).locator("..").inner_text()
    assert case.answers["bags"] == "2"
    assert case.files.count() == 1
    assert (case.latitude is not None) == js
    page.locator("#tracking-link").click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Reference {case.reference}"
    check(page)
    return case


def test_resident_reports_a_fly_tip_with_javascript(page, fly_tip_service):
    _complete(page)
    assert page.csp_violations == []


def test_resident_reports_a_fly_tip_without_javascript(no_js_page, fly_tip_service):
    # axe-core cannot run where scripts are off; the same pages were checked above.
    _complete(no_js_page, check=lambda page: None, js=False)


def test_the_confirmation_page_fits_a_phone(browser, live_server, fly_tip_service):
    """On a 375px-wide phone the long tracking link wraps: the page never scrolls sideways."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto("/forms/report-a-fly-tip/")
        page.get_by_label("Garden waste").check()
        page.get_by_label("How many bags or items?").fill("1")
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url("**/step/2/")
        page.get_by_label("Describe the location").fill("Layby on Mill Lane")
        page.get_by_label("Day").fill("2")
        page.get_by_label("Month").fill("3")
        page.get_by_label("Year").fill("2025")
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url("**/step/3/")
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url("**/your-details/")
        page.get_by_role("button", name="Continue").click()
        page.wait_for_url("**/check-your-answers/")
        page.get_by_role("button", name="Accept and send").click()
        page.wait_for_url("**/confirmation/")
        assert page.locator("#tracking-link").is_visible()
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], f"the page is {widths[0]}px wide on a {widths[1]}px screen"
    finally:
        context.close()
