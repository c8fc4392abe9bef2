"""When Redis is down, residents still read pages and report problems: production's
caches (``redis_caches``) treat a failed read as a miss and drop a failed write, the
rate limit lets submissions through, and the in-memory settings and ward index read
the database instead of waiting on the cache."""

import pytest
from django.test import override_settings

from config.settings.base import redis_caches
from home.demo import HOME_TITLE
from services.cases.models import Case
from services.gazetteer.demo import demo_wards_load
from services.gazetteer.models import Ward
from tests.services.forms.conftest import make_form

NOBODY_LISTENS = "redis://127.0.0.1:9/0"  # the discard port: connections are refused at once
WHERE = {"description": "Corner of Mill Lane", "latitude": "", "longitude": ""}


@pytest.fixture
def redis_down(settings):
    settings.PAGE_CACHE_ENABLED = True
    with override_settings(CACHES=redis_caches(NOBODY_LISTENS)):
        yield


def test_public_pages_are_served_while_redis_is_down(client, demo_pages, redis_down):
    for path in ("/", "/bins-and-recycling/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert HOME_TITLE in response.content.decode()  # the header, read through the (missing) cache


def test_an_anonymous_report_with_a_location_becomes_a_case_in_its_ward_while_redis_is_down(client, db, redis_down):
    make_form(slug="report-a-fly-tip")
    demo_wards_load()
    ward = Ward.objects.order_by("code").first()
    where = {
        "description": "Mill Lane",
        "latitude": f"{(ward.min_latitude + ward.max_latitude) / 2:.6f}",
        "longitude": f"{(ward.min_longitude + ward.max_longitude) / 2:.6f}",
    }
    body = {
        "submission_key": "phone-000001",
        "answers": {"what": "Other", "what-other": "A fridge", "bags": 1, "where": where, "seen": "2025-05-01"},
    }
    response = client.post("/api/forms/report-a-fly-tip/submissions", body, content_type="application/json")
    assert response.status_code == 201, response.content
    case = Case.objects.get(reference=response.json()["reference"])
    assert case.ward == ward.name


def test_a_confirmation_email_waits_in_the_outbox_while_the_redis_queue_is_down(client, db, redis_down):
    from django.test import TestCase

    from services.cases.models import Outbox
    from services.cases.operations import outbox_emails_due

    make_form(slug="report-a-fly-tip")
    queue_down = {
        "RQ_QUEUES": {"default": {"URL": NOBODY_LISTENS, "DEFAULT_TIMEOUT": 60}},
        "TASKS": {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
    }
    body = {
        "submission_key": "phone-000002",
        "answers": {"what": "Other", "what-other": "A fridge", "bags": 1, "where": WHERE, "seen": "2025-05-01"},
        "contact": {"name": "Dee Resident", "email": "dee@example.com", "phone": ""},
    }
    with override_settings(**queue_down), TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post("/api/forms/report-a-fly-tip/submissions", body, content_type="application/json")
    assert response.status_code == 201, response.content
    case = Case.objects.get(reference=response.json()["reference"])
    email = Outbox.objects.get(case=case, kind=Outbox.Kind.EMAIL)
    assert email.state == Outbox.State.PENDING and email.pk in outbox_emails_due()  # the sweep will send it
