"""A resident's whole journey in a real browser: sign up, confirm through the email,
send a form signed in, follow it under "Your requests", see a case worker's status change
and public update and receive the email about it; another
resident gets 404 for every URL of that case, its upload and its timeline; an anonymous report's tracking link
shows its status and no personal data; axe finds nothing on any account page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from services.cases.models import Case, Team
from tests.browser.conftest import assert_accessible, staff_sign_in
from tests.browser.test_eform_resident import _photo
from tests.services.accounts.conftest import PASSWORD, make_case, make_resident
from tests.services.cases.conftest import make_case_type
from tests.services.forms.conftest import make_form

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _no_time_trap(settings):
    settings.EFORM_MIN_FILL_SECONDS = 0


def check(page):
    assert_accessible(page)
    assert page.csp_violations == []


def test_resident_journey(page, browser, live_server, settings, staff_user, tmp_path):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    team = Team.objects.create(name="Street cleansing")
    team.members.add(staff_user)
    make_case_type("Report a fly-tip", team=team)  # the form's case type, with its workflow
    form = make_form()
    earlier = make_case("nia@example.org")  # sent before the account existed

    page.goto("/account/create/")
    check(page)
    page.get_by_role("button", name="Create account").click()
    assert page.get_by_role("link", name="Enter your full name").is_visible()
    check(page)
    page.get_by_label("Full name").fill("Nia Resident")
    page.get_by_label("Email address").fill("nia@example.org")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/account/check-your-email/")
    check(page)

    link = re.search(r"(http://\S+/account/confirm-email/\S+/)", mail.outbox[-1].body)[1]
    page.goto(link)
    check(page)
    page.get_by_role("button", name="Confirm email address").click()
    page.wait_for_url("**/account/sign-in/")
    check(page)
    page.get_by_label("Email address").fill("nia@example.org")
    page.get_by_label("Password").fill("not my password at all")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("link", name="Enter a correct email address and password").is_visible()
    check(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account/")
    check(page)

    # Send a form signed in: contact details are already filled in.
    page.goto(f"/forms/{form.slug}/")
    page.get_by_label("Garden waste").check()
    page.get_by_label("How many bags or items?").fill("3")
    page.get_by_role("button", name="Continue").click()
    page.fill('[name="q-where-description"]', "Behind the library")
    page.fill('[name="q-seen-day"]', "3")
    page.fill('[name="q-seen-month"]', "1")
    page.fill('[name="q-seen-year"]', "2025")
    page.get_by_role("button", name="Save and come back later").click()
    page.wait_for_url("**/account/drafts/*/saved/")
    check(page)
    page.goto("/account/requests/")
    check(page)
    page.get_by_role("button", name="Continue Report a fly-tip").click()
    page.wait_for_url(f"**/forms/{form.slug}/**")
    page.goto(f"/forms/{form.slug}/step/3/")
    page.get_by_label("Add photos of the fly-tip").set_input_files(
        files=[{"name": "flytip.jpg", "mimeType": "image/jpeg", "buffer": _photo()}]
    )
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/your-details/")
    assert page.get_by_label("Email address").input_value() == "nia@example.org"
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Accept and send").click()
    page.wait_for_url("**/confirmation/")
    case = Case.objects.exclude(pk=earlier.pk).get()
    photo_url = f"/account/requests/{case.reference}/files/{case.files.get().pk}/"
    assert page.request.get(photo_url).status == 200  # their own upload

    page.goto("/account/requests/")
    check(page)
    assert page.get_by_role("link", name=re.compile(case.reference)).is_visible()
    assert page.get_by_role("link", name=re.compile(earlier.reference)).is_visible()
    page.get_by_role("link", name=re.compile(case.reference)).click()
    check(page)
    assert page.get_by_text("Garden waste").is_visible()

    # A case worker in the owning team moves the case on through the case-work screens.
    staff = browser.new_context(base_url=live_server.url).new_page()
    staff_sign_in(staff, staff_user)
    staff.goto(f"/admin/casework/{case.pk}/")
    staff.get_by_label("New status").select_option(label="Assessing")
    staff.get_by_role("button", name="Change status").click()
    expect(staff.get_by_text("Status changed to Assessing.")).to_be_visible()
    staff.get_by_label("New status").select_option(label="Collection scheduled")
    staff.get_by_role("button", name="Change status").click()
    expect(staff.get_by_text("Status changed to Collection scheduled.")).to_be_visible()
    staff.get_by_label("Text", exact=True).fill("A crew is booked for Friday")
    staff.get_by_label("Public update (shown on the resident's tracking page)").check()
    staff.get_by_role("button", name="Add", exact=True).click()
    expect(staff.get_by_text("A crew is booked for Friday")).to_be_visible()
    staff.context.close()

    page.reload()
    assert page.get_by_text("Scheduled", exact=True).first.is_visible()
    assert page.get_by_text("A crew is booked for Friday").is_visible()
    assert not page.get_by_text("Assessing").count()  # internal statuses stay internal
    status_emails = [m for m in mail.outbox if m.subject == f"Report a fly-tip {case.reference}: Scheduled"]
    assert len(status_emails) == 1 and status_emails[0].to == ["nia@example.org"]
    assert "/track/" in status_emails[0].body

    page.get_by_role("link", name="Add information to this request").click()
    check(page)
    page.get_by_role("button", name="Add information").click()
    check(page)
    page.get_by_label("What do you want to add?").fill("There is also a mattress")
    page.get_by_role("button", name="Add information").click()
    assert page.get_by_text("You added: There is also a mattress").is_visible()
    check(page)

    for path in (
        f"/account/requests/{case.reference}/timeline/",
        "/account/details/",
        "/account/details/email/",
        "/account/details/password/",
        "/account/security/",
        "/account/security/set-up/",
        "/account/your-data/",
        "/account/delete/",
        "/account/sign-out/",
    ):
        page.goto(path)
        check(page)
    page.goto("/account/details/")
    page.get_by_label("Full name").fill("")
    page.get_by_role("button", name="Save details").click()
    check(page)

    # Another resident gets 404 for every URL of that case.
    make_resident("other@example.org")
    other = browser.new_context(base_url=live_server.url).new_page()
    other.goto("/account/sign-in/")
    other.get_by_label("Email address").fill("other@example.org")
    other.get_by_label("Password").fill(PASSWORD)
    other.get_by_role("button", name="Sign in").click()
    other.wait_for_url("**/account/")
    for path in (
        f"/account/requests/{case.reference}/",
        f"/account/requests/{case.reference}/timeline/",
        f"/account/requests/{case.reference}/add/",
        photo_url,
    ):
        assert other.request.get(path).status == 404, path
    other.context.close()

    # Signing out ends access.
    page.goto("/account/sign-out/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/account/sign-in/")
    assert page.goto(f"/account/requests/{case.reference}/").url.endswith(
        f"/account/sign-in/?next=%2Faccount%2Frequests%2F{case.reference}%2F"
    )


def test_signed_out_account_pages_are_accessible(page):
    for path in (
        "/account/sign-in/",
        "/account/forgot-password/",
        "/account/confirm-email-again/",
        "/account/check-your-email/",
        "/account/confirm-email/no-such-link/",
        "/account/reset-password/no-such-link/",
        "/account/deleted/",
    ):
        page.goto(path)
        check(page)
    page.goto("/account/forgot-password/")
    page.get_by_role("button", name="Send reset link").click()
    check(page)


def test_anonymous_tracking_link_shows_status_and_no_personal_data(page):
    case = make_case(None)
    Case.objects.filter(pk=case.pk).update(address="1 Secret Lane", location_description="Outside number 1")
    page.goto(f"/track/{case.tracking_token}/")
    check(page)
    text = page.locator("main").inner_text()
    assert case.reference in text and "Received" in text and "We aim to finish by" in text
    for personal in ("Secret Lane", "Outside number 1", "Blue bin", "Rita"):
        assert personal not in text
