"""A contact-centre call handler logs a phone report for an existing customer through
the assisted-digital screen, attaching the photo the caller emailed; axe finds nothing
on any of the case-work screens they pass through."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from PIL import Image
from playwright.sync_api import expect

from services.cases.models import Case, Customer, Team
from services.staff.operations import staff_second_factor_provision
from tests.browser.conftest import staff_sign_in as _sign_in
from tests.browser.test_casework_screens import assert_accessible
from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def call_handler(db):
    """A member of the contact centre: not a superuser, only the admin and their team."""
    user = get_user_model().objects.create_user(
        username="callum", first_name="Callum", last_name="Handler", password=STAFF_PASSWORD, is_staff=True
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    Team.objects.create(name="Contact centre", is_contact_centre=True).members.add(user)
    user.totp_device, user.backup_codes = staff_second_factor_provision(user=user)
    return user


@pytest.fixture
def fly_tip(demo_pages, settings, tmp_path):
    from tests.services.forms.conftest import make_form

    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    settings.CLAMAV_SOCKET = ""
    form = make_form()
    form.case_type.team = Team.objects.create(name="Street cleansing")
    form.case_type.save()
    return form


def _photo(tmp_path):
    path = tmp_path / "flytip.jpg"
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 120, 10)).save(out, format="JPEG")
    path.write_bytes(out.getvalue())
    return path


def test_a_call_handler_logs_a_phone_report_for_an_existing_customer(page, call_handler, fly_tip, tmp_path):
    caller = Customer.objects.create(name="Edith Caller", email="edith@example.com", phone="01632 960456")
    _sign_in(page, call_handler)

    page.goto("/admin/casework/assisted/")
    assert_accessible(page)
    page.get_by_role("link", name="Report a fly-tip").click()
    assert_accessible(page)

    page.get_by_label("Find an existing customer by name, email or phone").fill("Edith")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("link", name="Edith Caller (edith@example.com)").click()
    expect(page.get_by_text("For Edith Caller")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Phone").check()
    page.get_by_label("Garden waste").check()
    page.get_by_label("How many bags or items?").fill("4")
    page.get_by_label("Describe the location").fill("Behind the library car park")
    page.get_by_label("Day").fill("3")
    page.get_by_label("Month").fill("2")
    page.get_by_label("Year").fill("2025")
    page.get_by_label("Add photos of the fly-tip").set_input_files(str(_photo(tmp_path)))
    page.get_by_role("button", name="Create the case").click()

    case = Case.objects.get()
    expect(page.get_by_text(f"Case {case.reference} created.")).to_be_visible()
    assert case.channel == Case.Channel.PHONE and case.customer == caller
    assert case.files.get().original_name == "flytip.jpg"
    expect(page.locator(".casework-summary dd").filter(has_text="Phone").first).to_be_visible()
    expect(page.get_by_role("link", name="flytip.jpg")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Edith Caller").click()
    expect(page.get_by_role("link", name=case.reference)).to_be_visible()
    assert_accessible(page)

    page.goto("/admin/casework/team/")
    expect(page.get_by_role("link", name=case.reference)).to_be_visible()
    assert_accessible(page)
    page.goto("/admin/casework/")
    assert_accessible(page)
    page.goto("/admin/casework/contacts/new/")
    assert_accessible(page)
    assert page.csp_violations == []


def test_a_manager_exports_a_queue_reads_the_reports_and_the_audit_trail(page, staff_user, fly_tip):
    """The remaining case-work screens: a duplicate warning on the case page, the
    export page and its download, the first-contact report and the audit trail."""
    from services.cases.operations import CaseLocation, ContactDetails, case_create, contact_log

    here = CaseLocation(latitude=52.2, longitude=-1.7, description="Behind the library")
    first = case_create(case_type=fly_tip.case_type, answers={}, contact=ContactDetails(name="Ann", email="a@ex.com"),
                        location=here)  # fmt: skip
    second = case_create(case_type=fly_tip.case_type, answers={}, contact=ContactDetails(name="Bo", email="b@ex.com"),
                         location=here)  # fmt: skip
    contact_log(user=staff_user, channel="phone", topic="Council tax", outcome="Explained the bill")
    _sign_in(page, staff_user)

    page.goto(f"/admin/casework/{second.pk}/")
    expect(page.get_by_role("heading", name="Possible duplicates")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=f"Link as a duplicate of {first.reference}").click()
    expect(page.get_by_text(f"Linked as a duplicate of {first.reference}.")).to_be_visible()
    assert_accessible(page)

    page.goto("/admin/casework/team/")
    page.get_by_role("link", name="Export these cases as CSV").click()
    expect(page.get_by_text("2 cases from your team's queue")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert first.reference in text and second.reference in text and "Customer email" in text

    page.get_by_role("link", name="First-contact resolution").click()
    expect(page.get_by_role("cell", name="Phone")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Group by").select_option("month")
    page.get_by_role("button", name="Show").click()
    assert_accessible(page)

    page.get_by_role("link", name="Audit trail").click()
    page.get_by_label("Case reference").fill(second.reference)
    page.get_by_role("button", name="Search the audit trail").click()
    expect(page.get_by_role("cell", name="Linked a duplicate case")).to_be_visible()
    assert_accessible(page)
    assert page.csp_violations == []
