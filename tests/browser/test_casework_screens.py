"""Case-work screens in a real browser, signed in through the password and security
code pages, each checked with axe."""

import pytest
from playwright.sync_api import expect

from services.cases.models import Customer
from services.cases.operations import CaseLocation, ContactDetails, case_create
from tests.browser.conftest import assert_accessible as _axe
from tests.browser.conftest import staff_sign_in as _sign_in
from tests.services.cases.conftest import make_case_type

pytestmark = pytest.mark.django_db(transaction=True)


def assert_accessible(page):
    """axe, once Wagtail's messages have finished fading in (mid-fade colours fail contrast)."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(800)
    _axe(page)


def test_a_case_worker_works_a_case_from_the_queue(page, staff_user, demo_pages):
    from services.cases.models import Team
    from tests.services.forms.conftest import make_form

    team = Team.objects.create(name="Waste")
    team.members.add(staff_user)
    bins = make_case_type("Missed bin", team=team)
    form = make_form()
    case = case_create(
        case_type=bins,
        answers={"which": "Recycling"},
        answer_summary=[{"question_id": "which", "label": "Which bin?", "answer": "Recycling"}],
        contact=ContactDetails(name="Ada Lovelace", email="ada@example.com"),
        location=CaseLocation(latitude=52.2, longitude=-1.7, description="By the gate"),
    )
    _sign_in(page, staff_user)

    page.goto("/admin/casework/team/")
    expect(page.get_by_role("link", name=case.reference)).to_be_visible()
    assert_accessible(page)
    page.goto("/admin/casework/")
    assert_accessible(page)

    page.goto("/admin/casework/team/")
    page.get_by_role("link", name=case.reference).click()
    expect(page.get_by_text("Which bin?")).to_be_visible()
    expect(page.get_by_role("link", name="Open the location in OpenStreetMap")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("New status").select_option(label="Assessing")
    page.get_by_role("button", name="Change status").click()
    expect(page.get_by_text("Status changed to Assessing.")).to_be_visible()
    page.get_by_label("Text", exact=True).fill("Crew will return tomorrow")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("Crew will return tomorrow")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Ada Lovelace").click()
    expect(page.get_by_role("link", name=case.reference)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Phone").fill("01632 960123")
    page.get_by_role("button", name="Save contact details").click()
    expect(page.get_by_role("cell", name="01632 960123")).to_be_visible()
    assert Customer.objects.get().phone == "01632 960123"

    page.goto("/admin/casework/assisted/")
    assert_accessible(page)
    page.goto(f"/admin/casework/assisted/{form.slug}/")
    assert_accessible(page)
    page.goto("/admin/casework/contacts/new/")
    assert_accessible(page)
    page.get_by_label("What was it about?").fill("Council tax")
    page.get_by_label("Outcome").fill("Explained the bill")
    page.get_by_role("button", name="Log the enquiry").click()
    expect(page.get_by_text("Enquiry logged.")).to_be_visible()
    assert page.csp_violations == []
