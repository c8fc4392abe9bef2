"""Undoing a wrong duplicate link from the case page: the resident stops getting the
other case's updates, both timelines and the audit trail say who did it, and only staff
who may work the case can do it, from an up-to-date page."""

import pytest
from django.test import Client

from services.cases.models import AuditEntry, Case, CaseEvent, Outbox
from services.cases.operations import (
    ContactDetails,
    case_create,
    case_link_duplicate,
    case_note_add,
    case_status_change,
)
from tests.services.cases.conftest import verify

pytestmark = pytest.mark.django_db


def _case(world, name, email):
    return case_create(
        case_type=world["bins"], answers={"which": "Recycling"}, contact=ContactDetails(name=name, email=email)
    )


@pytest.fixture
def linked(world):
    """Bob's case, linked (wrongly) as a duplicate of Ada's."""
    main = _case(world, "Ada", "ada@example.com")
    duplicate = _case(world, "Bob", "bob@example.com")
    case_link_duplicate(case=duplicate, main=main, user=world["member"])
    return main, Case.objects.get(pk=duplicate.pk)


def _messages(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def _emails_to(case) -> int:
    return Outbox.objects.filter(case=case, topic="case.status_email").count()


def _unchanged(main, duplicate) -> bool:
    """Still linked, with nothing new on either timeline or in the audit trail."""
    return (
        Case.objects.get(pk=duplicate.pk).duplicate_of_id == main.pk
        and CaseEvent.objects.filter(kind=CaseEvent.Kind.DUPLICATE).count() == 2  # the link's two
        and not AuditEntry.objects.filter(action=AuditEntry.Action.UNLINKED).exists()
    )


def test_staff_unlink_a_wrong_duplicate_and_its_customer_stops_getting_the_main_cases_updates(client, world, linked):
    main, duplicate = linked
    # While linked, a public update on the main case goes to Bob too.
    case_note_add(case=main, user=world["member"], text="Crew booked", public=True)
    assert _emails_to(duplicate) == 1

    verify(client, world["member"])
    page = client.get(f"/admin/casework/{duplicate.pk}/")
    html = page.content.decode()
    button = f"Unlink from {main.reference}</button>"
    assert button in html
    assert f'action="/admin/casework/{duplicate.pk}/unlink/"' in html

    response = client.post(f"/admin/casework/{duplicate.pk}/unlink/", {"seen": page.context["seen"]}, follow=True)
    assert "no longer gets the other case's public updates" in _messages(response)
    assert Case.objects.get(pk=duplicate.pk).duplicate_of is None
    assert button not in response.content.decode() and "This case is a duplicate of" not in response.content.decode()

    # Both timelines say so, naming who did it; so does the audit trail.
    [on_duplicate] = duplicate.events.filter(description__startswith="No longer linked")
    assert main.reference in on_duplicate.description and on_duplicate.kind == CaseEvent.Kind.DUPLICATE
    assert on_duplicate.actor == "Wendy"
    [on_main] = main.events.filter(description__contains="is no longer linked")
    assert duplicate.reference in on_main.description and on_main.kind == CaseEvent.Kind.DUPLICATE
    [entry] = AuditEntry.objects.filter(action=AuditEntry.Action.UNLINKED)
    assert entry.user == world["member"] and entry.username == "wendy"
    assert entry.case_reference == duplicate.reference and main.reference in entry.detail

    # The main case's next public changes reach Ada only.
    to_ada = _emails_to(main)
    case_note_add(case=main, user=world["member"], text="Crew on the way", public=True)
    case_status_change(
        case=main,
        to_status=world["bins"].statuses.get(slug="closed"),
        resolution_category=world["bins"].resolution_categories.get(name="Collected"),
        user=world["member"],
    )
    assert _emails_to(main) == to_ada + 2
    assert _emails_to(duplicate) == 1


@pytest.mark.parametrize("role", ["contact", "other"])
def test_staff_who_may_not_work_the_case_cannot_unlink_it(client, world, linked, role):
    main, duplicate = linked
    verify(client, world[role])
    page = client.get(f"/admin/casework/{duplicate.pk}/")
    if role == "contact":  # sees the case, and that it is a duplicate, but no button
        assert "This case is a duplicate of" in page.content.decode()
        assert "Unlink from" not in page.content.decode()
    response = client.post(f"/admin/casework/{duplicate.pk}/unlink/", {"seen": duplicate.updated_at.isoformat()})
    assert response.status_code == 404
    assert _unchanged(main, duplicate)
    # The case's own team can.
    verify(Client(), world["member"]).post(f"/admin/casework/{duplicate.pk}/unlink/")
    assert Case.objects.get(pk=duplicate.pk).duplicate_of is None


def test_unlinking_from_an_out_of_date_page_is_refused(client, world, linked):
    main, duplicate = linked
    verify(client, world["member"])
    seen = client.get(f"/admin/casework/{duplicate.pk}/").context["seen"]
    sam = verify(Client(), world["supervisor"])
    sam.post(f"/admin/casework/{duplicate.pk}/assign/", {"assignee": world["supervisor"].pk})

    response = client.post(f"/admin/casework/{duplicate.pk}/unlink/", {"seen": seen}, follow=True)
    assert "Someone else changed this case while you had it open" in _messages(response)
    assert _unchanged(main, duplicate)


def test_unlinking_a_case_that_is_not_linked_says_so(client, world):
    case = _case(world, "Ada", "ada@example.com")
    verify(client, world["member"])
    seen = client.get(f"/admin/casework/{case.pk}/").context["seen"]
    response = client.post(f"/admin/casework/{case.pk}/unlink/", {"seen": seen}, follow=True)
    assert f"{case.reference} is not linked as a duplicate of another case." in _messages(response)
    assert not case.events.filter(kind=CaseEvent.Kind.DUPLICATE).exists()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.UNLINKED).exists()


def test_the_main_case_names_the_cases_linked_to_it(client, world, linked):
    main, duplicate = linked
    verify(client, world["member"])
    page = client.get(f"/admin/casework/{main.pk}/").content.decode()
    assert f'href="/admin/casework/{duplicate.pk}/">{duplicate.reference}</a>' in page
    assert "their customers get its public updates" in page


def test_linking_from_a_page_opened_before_a_colleagues_change_is_refused(client, world):
    main = _case(world, "Ada", "ada@example.com")
    duplicate = _case(world, "Bob", "bob@example.com")
    verify(client, world["member"])
    page = client.get(f"/admin/casework/{duplicate.pk}/")
    seen = page.context["seen"]
    case_note_add(
        case=duplicate, user=world["supervisor"], text="Not the same fly-tip: different street.", public=False
    )
    response = client.post(f"/admin/casework/{duplicate.pk}/link/", {"main": main.pk, "seen": seen}, follow=True)
    assert "Someone else changed this case while you had it open" in _messages(response)
    assert Case.objects.get(pk=duplicate.pk).duplicate_of_id is None
    # From a fresh page it links.
    fresh = client.get(f"/admin/casework/{duplicate.pk}/").context["seen"]
    response = client.post(f"/admin/casework/{duplicate.pk}/link/", {"main": main.pk, "seen": fresh}, follow=True)
    assert f"Linked as a duplicate of {main.reference}." in _messages(response)
