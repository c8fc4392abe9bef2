"""Anonymous forms resist bots without a CAPTCHA, and tell people what happened."""

import re
import time

import pytest
from django.test import Client

from services.cases.models import Case
from services.forms import antibot
from tests.services.forms.test_flow import answer_all

pytestmark = pytest.mark.django_db


def _send(client, form, **overrides):
    page = client.get(f"/forms/{form.slug}/check-your-answers/").content.decode()
    data = {
        "key": re.search(r'name="key" value="([^"]+)"', page)[1],
        "started": re.search(r'name="started" value="([^"]+)"', page)[1],
        "website": "",
    }
    data.update(overrides)
    return client.post(f"/forms/{form.slug}/check-your-answers/", data)


def test_filling_the_honeypot_is_refused(client, fly_tip_form, settings):
    settings.EFORM_MIN_FILL_SECONDS = 0
    answer_all(client, fly_tip_form)
    response = _send(client, fly_tip_form, website="http://spam.example")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Case.objects.exists()
    page = client.post("/forms/report-a-fly-tip/step/1/", {"q-what": "Other", "website": "x"}).content.decode()
    assert "leaving hidden fields empty" in page


def test_a_form_sent_faster_than_a_person_could_is_refused_then_accepted_later(client, fly_tip_form, settings):
    settings.EFORM_MIN_FILL_SECONDS = 60
    answer_all(client, fly_tip_form)
    page = _send(client, fly_tip_form).content.decode()
    assert "quicker than we expected" in page
    assert not Case.objects.exists()
    # The time is signed: a forged or missing one does not help.
    assert "expired" in _send(client, fly_tip_form, started="1").content.decode()
    old = antibot.started_token(time.time() - 61)
    response = _send(client, fly_tip_form, started=old)
    assert response["Location"].endswith("/confirmation/")
    assert Case.objects.count() == 1


def test_the_minimum_time_counts_from_the_start_so_slow_people_always_pass(client, fly_tip_form, settings):
    settings.EFORM_MIN_FILL_SECONDS = 5
    answer_all(client, fly_tip_form)
    session = client.session
    progress = session[f"eform:{fly_tip_form.pk}"]
    progress["started"] = time.time() - 3600  # an hour filling it in
    session[f"eform:{fly_tip_form.pk}"] = progress
    session.save()
    assert _send(client, fly_tip_form)["Location"].endswith("/confirmation/")


def test_one_client_is_limited_per_hour_with_a_friendly_message(client, fly_tip_form, settings):
    settings.EFORM_MIN_FILL_SECONDS = 0
    settings.EFORM_SUBMISSIONS_PER_HOUR = 2
    for _ in range(2):
        answer_all(client, fly_tip_form)
        assert _send(client, fly_tip_form)["Location"].endswith("/confirmation/")
    answer_all(client, fly_tip_form)
    response = _send(client, fly_tip_form)
    assert response.status_code == 429
    assert "wait an hour" in response.content.decode()
    assert Case.objects.count() == 2


def test_one_email_address_is_limited_per_hour_whichever_client_sends_it(fly_tip_form, settings):
    settings.EFORM_MIN_FILL_SECONDS = 0
    settings.EFORM_SUBMISSIONS_PER_HOUR = 2
    details = {"name": "Sam Jones", "email": "Sam.Jones@example.com", "phone": ""}
    statuses = []
    for number in range(3):
        client = Client(REMOTE_ADDR=f"192.0.2.{number + 1}")  # a new address each time
        answer_all(client, fly_tip_form)
        email = details["email"] if number == 0 else details["email"].lower()  # the same address, however typed
        client.post(f"/forms/{fly_tip_form.slug}/your-details/", {**details, "email": email})
        statuses.append(_send(client, fly_tip_form).status_code)
    assert statuses == [302, 302, 429]
    assert Case.objects.count() == 2
    # Another person, from the address that was refused, still gets through.
    client = Client(REMOTE_ADDR="192.0.2.3")
    answer_all(client, fly_tip_form)
    assert _send(client, fly_tip_form)["Location"].endswith("/confirmation/")


def test_signed_in_people_skip_the_bot_checks(client, fly_tip_form, settings, django_user_model):
    settings.EFORM_MIN_FILL_SECONDS = 600
    client.force_login(django_user_model.objects.create_user(username="resident", password="x" * 12))
    answer_all(client, fly_tip_form)
    assert _send(client, fly_tip_form, website="filled")["Location"].endswith("/confirmation/")
