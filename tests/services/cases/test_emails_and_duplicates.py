"""Email updates (each public change emailed once, through the task queue, with the
result on the timeline; failures retried; unreachable customers shown) and duplicates
(warned, linked, and the linked case's customer kept informed)."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from services.cases.models import Case, CaseEvent, Outbox
from services.cases.operations import (
    ContactDetails,
    case_create,
    case_note_add,
    case_status_change,
    outbox_email_send,
)
from services.cases.tasks import outbox_email_deliver
from tests.services.cases.conftest import verify

pytestmark = pytest.mark.django_db


def _case(world, name="Ada", email="ada@example.com", **extra):
    return case_create(
        case_type=world["bins"], answers={"which": "Recycling"}, contact=ContactDetails(name=name, email=email), **extra
    )


def _to(address):
    return [m for m in mail.outbox if address in m.to]


def test_each_public_change_emails_the_customer_exactly_once_with_the_result_on_the_timeline(
    world, django_capture_on_commit_callbacks
):
    case = _case(world)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        case_status_change(case=case, to_status=world["bins"].statuses.get(slug="assessing"), user=world["member"])
        case_note_add(case=case, user=world["member"], text="Internal only", public=False)
        case_note_add(case=case, user=world["member"], text="The crew will come on Tuesday", public=True)
    assert len(callbacks) == 1  # one task queued: the public update (the status was internal)
    [update] = mail.outbox
    assert "The crew will come on Tuesday" in update.body and case.reference in update.subject
    assert case.tracking_token in update.body and "Internal only" not in update.body

    with django_capture_on_commit_callbacks(execute=True):
        case_status_change(case=case, to_status=world["bins"].statuses.get(slug="scheduled"), user=world["member"])
    assert len(mail.outbox) == 2
    row = Outbox.objects.filter(topic="case.status_email").latest("pk")
    # The task running again (a worker retrying, a double enqueue) sends nothing more.
    assert outbox_email_deliver.enqueue(row.pk).return_value is False
    assert outbox_email_send(outbox_id=row.pk) is False
    assert len(mail.outbox) == 2
    sent_lines = case.events.filter(kind=CaseEvent.Kind.EMAIL, description__startswith="The update email was sent")
    assert sent_lines.count() == 2


@pytest.fixture
def refusing_smtp(settings):
    """An SMTP server address where nothing listens: sending fails as it would when
    the mail relay is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    return settings


def test_a_failed_email_is_retried_and_then_the_case_page_says_the_customer_could_not_be_reached(
    client, world, refusing_smtp, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = _case(world)
    row = case.outbox.get(kind=Outbox.Kind.EMAIL)
    assert row.state == Outbox.State.FAILED and row.attempts == 1 and row.last_error
    assert case.events.filter(kind=CaseEvent.Kind.EMAIL, description__contains="will be tried again").exists()

    # The relay comes back: the retry sweep sends it, once.
    refusing_smtp.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Outbox.objects.filter(pk=row.pk).update(available_at=timezone.now() - timedelta(seconds=1))
    call_command("outbox_retry", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("outbox_retry", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(_to("ada@example.com")) == 1
    row.refresh_from_db()
    assert row.state == Outbox.State.SENT and row.attempts == 2

    # A customer whose emails never get through is flagged on the case page.
    refusing_smtp.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        case_note_add(case=case, user=world["member"], text="We need access to the garden", public=True)
    failing = case.outbox.filter(topic="case.status_email").get()
    for _ in range(5):
        Outbox.objects.filter(pk=failing.pk).update(available_at=timezone.now() - timedelta(seconds=1))
        call_command("outbox_retry", stdout=open("/dev/null", "w"))  # noqa: SIM115
    failing.refresh_from_db()
    assert failing.state == Outbox.State.DEAD and failing.attempts == 5
    verify(client, world["member"])
    page = client.get(f"/admin/casework/{case.pk}/").content.decode()
    assert "The customer could not be reached." in page
    assert "not delivered after 5 attempts" in page


def test_a_likely_duplicate_is_warned_about_linked_and_its_customer_kept_informed(
    client, world, django_capture_on_commit_callbacks
):
    from services.cases.operations import CaseLocation

    here = CaseLocation(latitude=52.2000, longitude=-1.7000, description="By the gate")
    main = _case(world, name="Ada", email="ada@example.com", location=here)
    far = _case(world, name="Far", email="far@example.com", location=CaseLocation(latitude=52.21, longitude=-1.70))
    second = _case(
        world, name="Bob", email="bob@example.com", location=CaseLocation(latitude=52.20020, longitude=-1.70010)
    )
    verify(client, world["member"])
    page = client.get(f"/admin/casework/{second.pk}/")
    found = [item["case"] for item in page.context["duplicates"]]
    assert found == [main] and far not in found  # about 1 km away: not a duplicate
    assert page.context["duplicates"][0]["distance"] < 30
    assert "Possible duplicates" in page.content.decode()
    # The other team never sees the warning's links (they cannot see either case).
    from django.test import Client

    assert verify(Client(), world["other"]).get(f"/admin/casework/{second.pk}/").status_code == 404

    client.post(f"/admin/casework/{second.pk}/link/", {"main": main.pk})
    second.refresh_from_db()
    assert second.duplicate_of == main
    assert main.events.filter(kind=CaseEvent.Kind.DUPLICATE, description__contains=second.reference).exists()
    assert "This case is a duplicate of" in client.get(f"/admin/casework/{second.pk}/").content.decode()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case_status_change(case=main, to_status=world["bins"].statuses.get(slug="assessing"), user=world["member"])
        case_status_change(case=main, to_status=world["bins"].statuses.get(slug="scheduled"), user=world["member"])
        case_note_add(case=main, user=world["member"], text="Crew booked", public=True)
    assert len(_to("ada@example.com")) == 2 and len(_to("bob@example.com")) == 2
    assert _to("far@example.com") == []
    assert second.events.filter(kind=CaseEvent.Kind.EMAIL).count() == 2

    # A case of another type, or linking the main case to its own duplicate, is refused.
    other_type = case_create(case_type=world["permits"], answers={}, contact=ContactDetails(email="p@example.com"))
    verify(client, world["supervisor"])
    assert client.post(f"/admin/casework/{main.pk}/link/", {"main": other_type.pk}).status_code == 404
    client.post(f"/admin/casework/{main.pk}/link/", {"main": second.pk})
    assert Case.objects.get(pk=main.pk).duplicate_of is None


def test_a_case_already_being_worked_is_not_flagged_as_a_duplicate(client, world):
    from services.cases.operations import CaseLocation

    here = CaseLocation(latitude=52.2000, longitude=-1.7000, description="By the gate")
    _case(world, name="Ada", email="ada@example.com", location=here)
    second = _case(world, name="Bob", email="bob@example.com", location=here)
    verify(client, world["member"])
    assert client.get(f"/admin/casework/{second.pk}/").context["duplicates"]
    case_status_change(case=second, to_status=world["bins"].statuses.get(slug="assessing"), user=world["member"])
    page = client.get(f"/admin/casework/{second.pk}/")
    assert page.context["duplicates"] == [] and "Possible duplicates" not in page.content.decode()
