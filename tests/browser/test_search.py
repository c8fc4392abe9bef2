"""Site search in a real browser: the header box, results, filters without
JavaScript, choosing a result, and the comms team seeing those searches."""

import pytest

from tests.browser.conftest import assert_accessible, staff_sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_pages(demo_pages):
    """The demo council, indexed as `make run` indexes it (the content loader writes in bulk)."""
    import io

    from django.core.management.color import no_style

    from search import demo

    demo.load(stdout=io.StringIO(), style=no_style())


def test_a_resident_searches_from_the_header_and_staff_see_it_in_the_analytics(page, demo_pages, staff_user):
    page.goto("/")
    page.get_by_label("Search this website").fill("recyling centre")
    page.get_by_role("button", name="Search", exact=True).first.click()
    page.wait_for_url("**/search/?q=*")
    assert "Showing results for" in page.content()
    assert page.locator("#result-count").inner_text().endswith(("result", "results"))
    results = page.locator("#search-results")
    results.get_by_role("link", name="Bins and recycling").click()
    page.wait_for_url("**/bins-and-recycling/")
    assert page.csp_violations == []

    assert_accessible(page.goto("/search/?q=pay&content_type=Information") and page)
    page.goto("/search/?q=zzqxv")
    assert "No results for" in page.content()
    assert_accessible(page)

    staff_sign_in(page, staff_user)

    page.goto("/admin/reports/search/top-searches/")
    table = page.locator("table.listing")
    assert "recyling centre" in table.inner_text()
    assert "zzqxv" in table.inner_text()
    assert_accessible(page)
    page.goto("/admin/reports/search/no-results/")
    assert "zzqxv" in page.locator("table.listing").inner_text()
    assert "recyling centre" not in page.locator("table.listing").inner_text()
    page.goto("/admin/reports/search/results-chosen/")
    assert "Bins and recycling" in page.locator("table.listing").inner_text()


def test_results_and_filters_work_without_javascript(no_js_page, demo_pages):
    page = no_js_page
    page.goto("/search/?q=pay")
    count = page.locator("#result-count").inner_text()
    assert count != "0 results"
    page.get_by_label("Information (", exact=False).first.check()
    page.get_by_role("button", name="Apply filters").click()
    assert "content_type=Information" in page.url
    assert page.get_by_label("Information (", exact=False).first.is_checked()
    # (axe needs JavaScript: the same page is checked in the test above.)
