"""A signed-in resident on the e-forms (details filled in, save and return), their
profile and preferences, and their data rights."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from services.accounts.models import Draft, ResidentProfile
from services.accounts.operations import drafts_expire
from services.cases.models import Case, Customer
from tests.services.accounts.conftest import PASSWORD, make_case, make_resident
from tests.services.forms.conftest import make_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_time_trap(settings):
    settings.EFORM_MIN_FILL_SECONDS = 0


@pytest.fixture
def fly_tip_form(db):
    return make_form()


def first_two_steps(client, form):
    client.get(f"/forms/{form.slug}/")
    client.post(f"/forms/{form.slug}/step/1/", {"q-what": "Garden waste", "q-bags": "4"})
    return {
        "q-where-description": "Behind the library",
        "q-seen-day": "3",
        "q-seen-month": "1",
        "q-seen-year": "2025",
    }


def test_contact_details_are_filled_in_for_a_signed_in_resident(client, fly_tip_form):
    resident = make_resident(phone="01632 960001")
    client.force_login(resident)
    step_two = first_two_steps(client, fly_tip_form)
    client.post(f"/forms/{fly_tip_form.slug}/step/2/", step_two)
    client.post(f"/forms/{fly_tip_form.slug}/step/3/", {})
    page = client.get(f"/forms/{fly_tip_form.slug}/your-details/").content.decode()
    assert 'value="rita@example.org"' in page and 'value="Rita Resident"' in page and 'value="01632 960001"' in page

    client.post(
        f"/forms/{fly_tip_form.slug}/your-details/",
        {"name": "Rita Resident", "email": "rita@example.org", "phone": ""},
    )
    check = client.get(f"/forms/{fly_tip_form.slug}/check-your-answers/").content.decode()
    key = re.search(r'name="key" value="([^"]+)"', check)[1]
    client.post(f"/forms/{fly_tip_form.slug}/check-your-answers/", {"key": key, "website": ""})
    case = Case.objects.get()
    assert case.reference in client.get("/account/requests/").content.decode()


def test_anonymous_visitors_get_no_prefill_and_no_save_button(client, fly_tip_form):
    make_resident()
    client.get(f"/forms/{fly_tip_form.slug}/")
    page = client.get(f"/forms/{fly_tip_form.slug}/step/1/").content.decode()
    assert "Save and come back later" not in page


def test_save_and_return_keeps_a_draft_until_the_council_expires_it(client, fly_tip_form, settings):
    settings.ACCOUNT_DRAFT_DAYS = 10
    resident = make_resident()
    client.force_login(resident)
    step_two = first_two_steps(client, fly_tip_form)
    assert "Save and come back later" in client.get(f"/forms/{fly_tip_form.slug}/step/2/").content.decode()
    response = client.post(f"/forms/{fly_tip_form.slug}/step/2/", {**step_two, "action": "save"})
    draft = Draft.objects.get(user=resident)
    assert response["Location"] == f"/account/drafts/{draft.pk}/saved/"
    expires = (timezone.now() + timedelta(days=10)).strftime("%-d %B %Y")
    saved_page = client.get(response["Location"]).content.decode()
    assert "Your form has been saved" in saved_page and expires in saved_page

    # A new browser session: the draft is under "Your requests" and carries on.
    client.logout()
    client.force_login(resident)
    requests = client.get("/account/requests/").content.decode()
    assert "Report a fly-tip" in requests and expires in requests
    response = client.post(f"/account/drafts/{draft.pk}/continue/")
    assert response["Location"] == f"/forms/{fly_tip_form.slug}/check-your-answers/"
    assert client.get(response["Location"])["Location"] == f"/forms/{fly_tip_form.slug}/your-details/"
    assert not Draft.objects.exists()

    # Another resident cannot touch a draft; expired drafts go.
    client.post(f"/forms/{fly_tip_form.slug}/step/3/", {"action": "save"})
    draft = Draft.objects.get()
    client.force_login(make_resident("other@example.org"))
    assert client.post(f"/account/drafts/{draft.pk}/continue/").status_code == 404
    assert client.post(f"/account/drafts/{draft.pk}/delete/").status_code == 404
    assert drafts_expire(now=timezone.now() + timedelta(days=11)) == 1


def test_profile_changes_details_and_email_updates(signed_in, resident):
    page = signed_in.get("/account/details/").content.decode()
    assert 'value="Rita Resident"' in page
    bad = signed_in.post("/account/details/", {"name": "", "phone": "call me", "address": "", "email_updates": ""})
    assert bad.status_code == 200 and "Enter your full name" in bad.content.decode()
    response = signed_in.post(
        "/account/details/",
        {"name": "Rita R", "phone": "07700 900982", "address": "1 High Street, Burncaster", "email_updates": "no"},
    )
    assert response["Location"] == "/account/"
    profile = ResidentProfile.objects.get(user=resident)
    assert profile.phone == "07700 900982" and profile.address == "1 High Street, Burncaster"
    assert profile.email_updates is False
    assert get_user_model().objects.get(pk=resident.pk).first_name == "Rita R"


def test_download_my_data_as_json_and_html(signed_in, resident):
    case = make_case()
    data = json.loads(signed_in.get("/account/your-data.json").content)
    assert data["account"]["email"] == "rita@example.org"
    assert data["requests"][0]["reference"] == case.reference
    assert data["requests"][0]["answers"] == [{"question": "Which bin?", "answer": "Blue bin"}]
    response = signed_in.get("/account/your-data.json")
    assert response["Content-Disposition"] == 'attachment; filename="your-data.json"'
    assert "no-store" in response["Cache-Control"]
    html = signed_in.get("/account/your-data/").content.decode()
    assert case.reference in html and "Blue bin" in html


def test_deleting_the_account_keeps_the_cases_unlinked(signed_in, resident):
    case = make_case()
    page = signed_in.get("/account/delete/").content.decode()
    assert "are not deleted" in page and "no longer linked to an account" in page
    assert signed_in.post("/account/delete/", {"password": "wrong password!!"}).status_code == 200
    response = signed_in.post("/account/delete/", {"password": PASSWORD})
    assert response["Location"] == "/account/deleted/"
    assert not get_user_model().objects.filter(pk=resident.pk).exists()
    assert not ResidentProfile.objects.exists()
    assert Case.objects.filter(pk=case.pk, customer__isnull=False).exists()
    assert Customer.objects.filter(email="rita@example.org").exists()
    assert mail.outbox[-1].to == ["rita@example.org"]
    assert signed_in.get("/account/").status_code == 302


def test_email_updates_preference_is_offered_to_case_emails_through_a_hook(signed_in, resident):
    from wagtail import hooks

    case = make_case()

    def wants(customer):
        return all(fn(customer) for fn in hooks.get_hooks("case_customer_email_updates"))

    assert wants(case.customer)
    ResidentProfile.objects.filter(user=resident).update(email_updates=False)
    assert not wants(case.customer)
    assert wants(make_case("someone@example.org").customer)


def test_a_resident_who_turned_email_updates_off_gets_no_status_emails(
    signed_in, resident, django_capture_on_commit_callbacks
):
    from services.cases.models import WorkflowStatus
    from services.cases.operations import case_status_change
    from tests.services.cases.conftest import make_case_type

    make_case_type("Missed bin")
    case = make_case()
    scheduled = WorkflowStatus.objects.get(case_type=case.case_type, slug="scheduled")
    assessing = WorkflowStatus.objects.get(case_type=case.case_type, slug="assessing")
    case_status_change(case=case, to_status=assessing, user=None)
    ResidentProfile.objects.filter(user=resident).update(email_updates=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case_status_change(case=case, to_status=scheduled, user=None)
    assert mail.outbox == []
    # The change still shows on their request page.
    page = signed_in.get(f"/account/requests/{case.reference}/").content.decode()
    assert "Scheduled" in page

    ResidentProfile.objects.filter(user=resident).update(email_updates=True)
    closed = WorkflowStatus.objects.get(case_type=case.case_type, slug="closed")
    with django_capture_on_commit_callbacks(execute=True):
        case_status_change(
            case=case, to_status=closed, user=None, resolution_category=case.case_type.resolution_categories.first()
        )
    assert [m.subject for m in mail.outbox] == [f"Missed bin {case.reference}: Done"]


def test_demo_resident_loads_once(db):
    import io

    from django.core.management.color import no_style

    from services.accounts import demo

    make_case(demo.DEMO_EMAIL)
    demo.load(stdout=io.StringIO(), style=no_style())
    demo.load(stdout=io.StringIO(), style=no_style())
    assert get_user_model().objects.filter(email=demo.DEMO_EMAIL).count() == 1
    assert ResidentProfile.objects.get(user__email=demo.DEMO_EMAIL).customers.count() == 1


def test_expired_drafts_command(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("expire_drafts", stdout=out)
    assert "Deleted 0 expired drafts." in out.getvalue()
