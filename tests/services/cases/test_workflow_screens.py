"""The workflow as staff meet it on the case page: refusals say why, and two people
changing one case at once never overwrite each other silently."""

import pytest

from services.cases.models import Case
from services.cases.operations import ContactDetails, case_create
from tests.services.cases.conftest import verify

pytestmark = pytest.mark.django_db


def _case(world):
    return case_create(
        case_type=world["bins"],
        answers={"which": "Recycling"},
        contact=ContactDetails(name="Ada", email="a@example.com"),
    )


def _messages(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def test_a_transition_the_workflow_does_not_allow_is_refused_with_the_reason(client, world):
    case = _case(world)
    verify(client, world["member"])
    scheduled = world["bins"].statuses.get(slug="scheduled")
    response = client.post(f"/admin/casework/{case.pk}/status/", {"status": scheduled.pk}, follow=True)
    assert "A case cannot move from Received to Collection scheduled." in _messages(response)
    assert Case.objects.get(pk=case.pk).workflow_status.slug == "received"

    closed = world["bins"].statuses.get(slug="closed")
    response = client.post(f"/admin/casework/{case.pk}/status/", {"status": closed.pk}, follow=True)
    assert "Choose a resolution category to close the case." in _messages(response)
    assert Case.objects.get(pk=case.pk).status == Case.Status.OPEN


def test_the_second_of_two_staff_changing_a_case_at_once_is_told(client, world):
    case = _case(world)
    wendy, sam = verify(client, world["member"]), None
    page = wendy.get(f"/admin/casework/{case.pk}/")
    seen = page.context["seen"]
    assert f'name="seen" value="{seen}"' in page.content.decode()

    from django.test import Client

    sam = verify(Client(), world["supervisor"])
    sam_seen = sam.get(f"/admin/casework/{case.pk}/").context["seen"]
    assessing = world["bins"].statuses.get(slug="assessing")
    closed = world["bins"].statuses.get(slug="closed")
    category = world["bins"].resolution_categories.get(name="Collected")

    # Both opened the case; Sam closes it first.
    first = sam.post(
        f"/admin/casework/{case.pk}/status/",
        {"status": closed.pk, "resolution": category.pk, "seen": sam_seen},
        follow=True,
    )
    assert "Status changed to Closed." in _messages(first)
    # Wendy's change, made on the page she loaded before, is refused and she is told by whom.
    second = wendy.post(f"/admin/casework/{case.pk}/status/", {"status": assessing.pk, "seen": seen}, follow=True)
    text = _messages(second)
    assert "Someone else changed this case while you had it open" in text and "Sam" in text
    assert Case.objects.get(pk=case.pk).status == Case.Status.CLOSED
    # Assigning from the stale page is refused too; from a fresh page it works.
    stale = wendy.post(
        f"/admin/casework/{case.pk}/assign/", {"assignee": world["member"].pk, "seen": seen}, follow=True
    )
    assert "Someone else changed this case" in _messages(stale)
    assert Case.objects.get(pk=case.pk).assigned_to is None
    fresh = wendy.get(f"/admin/casework/{case.pk}/").context["seen"]
    wendy.post(f"/admin/casework/{case.pk}/assign/", {"assignee": world["member"].pk, "seen": fresh})
    assert Case.objects.get(pk=case.pk).assigned_to == world["member"]


def test_a_colleagues_note_since_the_page_was_opened_stops_a_change_made_from_it(client, world):
    """The note may say "do not close: the crew is going back": whoever acts from an older
    page is told first."""
    from services.cases.operations import case_note_add

    case = _case(world)
    wendy = verify(client, world["member"])
    seen = wendy.get(f"/admin/casework/{case.pk}/").context["seen"]
    case_note_add(case=case, user=world["supervisor"], text="Do not close: the crew is going back.", public=False)
    closed = world["bins"].statuses.get(slug="closed")
    category = world["bins"].resolution_categories.get(name="Collected")
    response = wendy.post(
        f"/admin/casework/{case.pk}/status/",
        {"status": closed.pk, "resolution": category.pk, "seen": seen},
        follow=True,
    )
    assert "Someone else changed this case while you had it open" in _messages(response)
    assert "Do not close" in _messages(response)
    assert Case.objects.get(pk=case.pk).status != Case.Status.CLOSED
