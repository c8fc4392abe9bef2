"""Content pages in a real browser: every page type passes axe, the calendar filter
works without JavaScript, and the moderation workflow runs end to end."""

import re
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from services.staff.operations import staff_second_factor_provision
from tests.browser.conftest import assert_accessible
from tests.browser.conftest import staff_sign_in as _sign_in
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

PAGE_TYPES = {
    "home page": "/",
    "service category": "/rubbish-and-recycling/",
    "information page": "/council-tax-and-benefits/council-tax-bands-and-charges/",
    "information page with accordion and contact": "/council-tax-and-benefits/pay-your-council-tax/",
    "guide": "/parking-and-travel/blue-badge/who-can-apply/",
    "news index": "/news/",
    "news story with image": "/news/new-food-waste-collections/",
    "events calendar": "/events/",
    "event": "/events/lakey-hill-bat-walk/",
    "accessibility statement": "/accessibility-statement/",
}


def test_every_page_type_has_no_accessibility_violations(page, demo_pages, live_server):
    page.context.add_cookies([{"name": "cookies_policy", "value": "rejected", "url": live_server.url}])
    for name, url in PAGE_TYPES.items():
        response = page.goto(url)
        assert response.status == 200, name
        assert page.get_by_role("heading", level=1).count() == 1, name
        assert_accessible(page)
    assert page.csp_violations == []

    port = urlparse(live_server.url).port
    page.goto(f"http://adult-learning.localhost:{port}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Borsetshire Adult Learning"
    assert_accessible(page)


def test_guide_parts_link_to_each_other(page, demo_pages):
    page.goto("/parking-and-travel/blue-badge/")
    next_part = re.compile(r"^Next part\s*:\s*Who can apply$")
    page.get_by_role("navigation", name="Guide parts").get_by_role("link", name=next_part).click()
    assert page.url.endswith("/blue-badge/who-can-apply/")
    page.get_by_role("navigation", name="Contents").get_by_role("link", name="Lost or stolen badges").click()
    assert page.get_by_role("heading", level=2, name="4. Lost or stolen badges").is_visible()


def test_calendar_filter_works_without_javascript(no_js_page, demo_pages):
    no_js_page.goto("/events/")
    no_js_page.get_by_label("Category").select_option(label="Libraries")
    no_js_page.get_by_role("button", name="Apply filters").click()
    assert "category=libraries" in no_js_page.url
    results = no_js_page.locator(".council-page-list").get_by_role("heading", level=3).all_inner_texts()
    assert sorted(results) == ["Code club for 9 to 13-year-olds", "Story time for under-5s"]


def _staff(username, group_name):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@council.example", password=STAFF_PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    user.totp_device, _ = staff_second_factor_provision(user=user)
    return user


def test_editor_submits_and_moderator_approves_and_publishes(browser, live_server, demo_pages):
    from home.models import InformationPage, ServiceCategoryPage

    editor = _staff("erin", "Editors")
    moderator = _staff("morgan", "Moderators")
    roads = ServiceCategoryPage.objects.get(slug="roads-and-streets")

    editor_context = browser.new_context(base_url=live_server.url)
    editor_page = editor_context.new_page()
    editor_page.set_default_timeout(20_000)
    _sign_in(editor_page, editor)
    editor_page.goto(f"/admin/pages/add/home/informationpage/{roads.pk}/")
    editor_page.locator("#id_title").fill("Report a blocked drain")
    editor_page.locator("#id_summary").fill("Tell us about a blocked drain or gully on a road.")
    editor_page.get_by_role("button", name="More actions").click()
    editor_page.get_by_role("button", name="Submit to Moderators approval").click()
    editor_page.locator(".messages").get_by_text(re.compile("submitted")).first.wait_for()
    draft = InformationPage.objects.get(title="Report a blocked drain")
    assert not draft.live
    assert draft.current_workflow_state is not None
    editor_context.close()

    anonymous = browser.new_context(base_url=live_server.url).new_page()
    assert anonymous.goto("/roads-and-streets/report-a-blocked-drain/").status == 404

    moderator_context = browser.new_context(base_url=live_server.url)
    moderator_page = moderator_context.new_page()
    moderator_page.set_default_timeout(20_000)
    _sign_in(moderator_page, moderator)
    expect(moderator_page.get_by_text("Report a blocked drain").first).to_be_visible()  # awaiting review
    moderator_page.goto(f"/admin/pages/{draft.pk}/edit/")
    moderator_page.get_by_role("button", name="More actions").click()
    moderator_page.get_by_role("button", name="Approve and Publish", exact=True).click()
    moderator_page.get_by_text("Page 'Report a blocked drain' has been updated.").wait_for()
    moderator_context.close()

    draft.refresh_from_db()
    assert draft.live
    response = anonymous.goto("/roads-and-streets/report-a-blocked-drain/")
    assert response.status == 200
    assert anonymous.get_by_role("heading", level=1).inner_text() == "Report a blocked drain"
