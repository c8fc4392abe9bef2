"""The confirmation page after sending a form: what it says about contact details and
the team, and that its long tracking link can wrap on a phone."""

from pathlib import Path

import pytest
from django.template import Context, Template

from services.cases.models import Case
from tests.services.forms.test_flow import answer_all, send

pytestmark = pytest.mark.django_db

SCSS = Path(__file__).resolve().parents[3] / "frontend" / "scss"


@pytest.fixture(autouse=True)
def _no_time_trap(settings):
    settings.EFORM_MIN_FILL_SECONDS = 0


def _confirmation(client, form, **contact):
    answer_all(client, form)
    details = {"name": "", "email": "", "phone": "", **contact}
    response = client.post(f"/forms/{form.slug}/your-details/", details)
    assert response["Location"] == f"/forms/{form.slug}/check-your-answers/"
    response = send(client, form)
    assert response["Location"] == f"/forms/{form.slug}/confirmation/"
    return client.get(response["Location"]).content.decode()


def test_no_contact_details_at_all_says_so_and_gives_the_tracking_link(client, fly_tip_form):
    page = _confirmation(client, fly_tip_form)
    assert "You did not give us contact details" in page
    assert f"/track/{Case.objects.get().tracking_token}/" in page


def test_a_name_and_phone_without_an_email_is_not_called_no_contact_details(client, fly_tip_form):
    page = _confirmation(client, fly_tip_form, name="Sam Jones", phone="01632 960 001")
    case = Case.objects.get()
    assert case.customer is not None and case.customer.phone
    assert "You did not give us contact details" not in page
    assert "not sent you a confirmation email because you did not give us an email address" in page
    assert f"/track/{case.tracking_token}/" in page


def test_an_email_gets_a_confirmation_email_and_no_tracking_link(client, fly_tip_form):
    page = _confirmation(client, fly_tip_form, name="Sam Jones", email="sam@example.com")
    assert "We have sent a confirmation email to <strong>sam@example.com</strong>" in page
    assert "/track/" not in page
    assert "did not give us" not in page


def test_the_team_reads_as_a_team_not_the_team(client, fly_tip_form):
    page = _confirmation(client, fly_tip_form)
    assert "Our Street cleansing team will look at what you sent." in page
    assert "The Street cleansing" not in page


@pytest.mark.parametrize(
    ("team", "phrase"),
    [
        ("Street cleansing", "Our Street cleansing team"),
        ("Parking services", "Our Parking services team"),
        ("Waste services", "Our Waste services team"),
        ("Housing team", "Our Housing team"),
        ("The planning team", "Our planning team"),
        ("", "Our team"),
        (None, "Our team"),
    ],
)
def test_team_phrase(team, phrase):
    rendered = Template("{% load eforms %}{{ team|team_phrase }}").render(Context({"team": team}))
    assert rendered == phrase


def test_the_tracking_link_and_reference_can_wrap_on_a_narrow_phone(client, fly_tip_form):
    page = _confirmation(client, fly_tip_form)
    assert '<p class="govuk-body council-wrap"><a class="govuk-link" id="tracking-link"' in page
    assert '<strong class="council-wrap">' in page
    rule = (SCSS / "_components.scss").read_text().split(".council-wrap {", 1)[1].split("}", 1)[0]
    assert "overflow-wrap: anywhere;" in rule
