"""Working cases: workflows, transitions, emails, assignment, customers, enquiries."""

import re
from html import unescape

import pytest
from django.core import mail

from services.cases.models import Case, CaseEvent, Contact, Outbox
from services.cases.operations import (
    ContactDetails,
    TransitionError,
    case_create,
    case_note_add,
    case_status_change,
    cases_assign,
    cases_close,
    contact_log,
    customer_update,
)
from services.cases.selectors import QueueFilters, case_queue, cases_visible_to
from tests.services.cases.conftest import verify

pytestmark = pytest.mark.django_db


def _case(case_type, **extra):
    return case_create(
        case_type=case_type,
        answers=extra.pop("answers", {"which": "Recycling"}),
        contact=extra.pop("contact", ContactDetails(name="Ada Lovelace", email="ada@example.com")),
        **extra,
    )


def test_a_new_case_starts_at_the_first_status_of_its_workflow_with_its_priority(world):
    case = _case(world["bins"])
    assert case.workflow_status.slug == "received" and case.status == Case.Status.OPEN
    assert case.priority == "normal"
    urgent = _case(world["bins"], answers={"which": "clinical"})
    assert urgent.priority == "urgent"


def test_only_the_workflow_transitions_are_allowed_and_closing_needs_a_resolution(world):
    case = _case(world["bins"])
    scheduled = world["bins"].statuses.get(slug="scheduled")
    closed = world["bins"].statuses.get(slug="closed")
    with pytest.raises(TransitionError):
        case_status_change(case=case, to_status=scheduled, user=world["member"])
    with pytest.raises(TransitionError):
        case_status_change(case=case, to_status=closed, user=world["member"])
    with pytest.raises(TransitionError):
        case_status_change(case=case, to_status=world["permits"].statuses.get(slug="assessing"), user=world["member"])
    category = world["bins"].resolution_categories.get(name="Collected")
    case = case_status_change(case=case, to_status=closed, user=world["member"], resolution_category=category)
    assert case.status == Case.Status.CLOSED and case.resolution_category == category and case.closed_at


def test_public_status_changes_email_the_customer_with_the_case_types_text_and_notes_never_do(
    world, django_capture_on_commit_callbacks
):
    case = _case(world["bins"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case_note_add(case=case, user=world["member"], text="Crew says the bin was out late", public=False)
        case_status_change(case=case, to_status=world["bins"].statuses.get(slug="assessing"), user=world["member"])
    assert mail.outbox == []  # internal status, internal note
    with django_capture_on_commit_callbacks(execute=True):
        case_status_change(case=case, to_status=world["bins"].statuses.get(slug="scheduled"), user=world["member"])
    assert len(mail.outbox) == 1
    assert "Scheduled" in mail.outbox[0].subject and "Text for scheduled." in mail.outbox[0].body
    assert "out late" not in mail.outbox[0].body
    assert Outbox.objects.get(topic="case.status_email").state == Outbox.State.SENT
    public = [event.description for event in case.events.filter(public=True)]
    assert "Scheduled" in public and not any("out late" in text for text in public)


def test_the_tracking_page_shows_the_public_label_only(client, world):
    case = _case(world["bins"])
    case_status_change(case=case, to_status=world["bins"].statuses.get(slug="assessing"), user=world["member"])
    page = client.get(f"/track/{case.tracking_token}/").content.decode()
    assert "Assessing" not in page


def test_bulk_assign_and_close_only_touch_cases_the_user_may_work(world):
    mine = [_case(world["bins"]) for _ in range(3)]
    theirs = _case(world["permits"])
    from services.cases.selectors import cases_workable_by

    workable = cases_workable_by(world["member"]).filter(pk__in=[c.pk for c in [*mine, theirs]])
    assert cases_assign(cases=workable, assignee=world["member"], user=world["supervisor"]) == (3, [])
    queue = case_queue(user=world["member"], scope="mine", filters=QueueFilters())
    assert {c.pk for c in queue} == {c.pk for c in mine}
    closed, refused, changed = cases_close(cases=workable, user=world["member"], resolution_name="No fault found")
    assert closed == 3 and refused == [] and changed == []
    assert Case.objects.get(pk=theirs.pk).status == Case.Status.OPEN
    assert {c.resolution_category.name for c in Case.objects.filter(pk__in=[c.pk for c in mine])} == {"No fault found"}


QUEUE = "/admin/casework/team/?status=open&sort=reference"


def _bulk(client, page, cases, **data):
    """Post the queue page's bulk form as the browser would: its hidden fields as rendered."""
    html = page.content.decode()
    hidden = {name: unescape(re.search(f'name="{name}" value="([^"]*)"', html)[1]) for name in ("next", "listed_at")}
    return client.post("/admin/casework/bulk/", {**hidden, "case": [c.pk for c in cases], **data}, follow=True)


def _messages(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def test_a_bulk_assign_leaves_alone_a_case_a_colleague_changed_after_the_list_was_shown(client, world):
    cases = [_case(world["bins"]) for _ in range(3)]
    page = verify(client, world["member"]).get(QUEUE)
    # Meanwhile Sam takes the second case himself.
    cases_assign(cases=Case.objects.filter(pk=cases[1].pk), assignee=world["supervisor"], user=world["supervisor"])

    response = _bulk(client, page, cases, action="assign", assignee=world["member"].pk)
    assigned = [Case.objects.get(pk=c.pk).assigned_to for c in cases]
    assert assigned == [world["member"], world["supervisor"], world["member"]]
    assert _messages(response) == (
        "Assigned 2 cases to Wendy. 1 case changed since you opened the list and was left as it is: "
        f"{cases[1].reference}. Check it and try again."
    )
    # Back on the queue as it was filtered, with the case still in it.
    assert response.redirect_chain[-1][0] == QUEUE and cases[1].reference in response.content.decode()


def test_a_bulk_close_leaves_alone_a_case_a_colleague_changed_after_the_list_was_shown(client, world):
    cases = [_case(world["bins"]) for _ in range(3)]
    page = verify(client, world["member"]).get(QUEUE)
    assessing = world["bins"].statuses.get(slug="assessing")
    case_status_change(case=cases[2], to_status=assessing, user=world["supervisor"])

    response = _bulk(client, page, cases, action="close", resolution="No fault found")
    assert [Case.objects.get(pk=c.pk).workflow_status.slug for c in cases] == ["closed", "closed", "assessing"]
    text = _messages(response)
    assert text.startswith("Closed 2 cases. 1 case changed since you opened the list") and cases[2].reference in text
    assert response.redirect_chain[-1][0] == QUEUE and cases[2].reference in response.content.decode()


def test_a_bulk_action_with_no_change_since_the_list_was_shown_acts_on_every_selected_case(client, world):
    cases = [_case(world["bins"]) for _ in range(3)]
    verify(client, world["member"])
    response = _bulk(client, client.get(QUEUE), cases, action="assign", assignee=world["member"].pk)
    assert _messages(response) == "Assigned 3 cases to Wendy."
    assert Case.objects.filter(assigned_to=world["member"]).count() == 3
    # The queue shown after the assignment is the list the next action is checked against.
    response = _bulk(client, response, cases, action="close", resolution="No fault found")
    assert _messages(response) == "Closed 3 cases."
    assert Case.objects.filter(status=Case.Status.CLOSED).count() == 3


def test_a_bulk_action_without_the_time_the_list_was_shown_is_refused(client, world):
    case = _case(world["bins"])
    verify(client, world["member"])
    for listed_at in ("", "yesterday", "2026-01-05T10:00:00"):  # missing, malformed, no time zone
        response = client.post(
            "/admin/casework/bulk/",
            {"case": [case.pk], "action": "assign", "assignee": world["member"].pk, "listed_at": listed_at},
            follow=True,
        )
        assert "Could not check whether the cases changed" in _messages(response)
    assert Case.objects.get(pk=case.pk).assigned_to is None


def test_queue_filters_search_and_overdue(world):
    from datetime import timedelta

    from django.utils import timezone

    old = _case(world["bins"], now=timezone.now() - timedelta(days=30), location=None)
    fresh = _case(world["bins"], contact=ContactDetails(name="Grace Hopper", email="grace@example.com"))
    Case.objects.filter(pk=fresh.pk).update(uprn="100012345678", address="1 High Street, Borchester BC1 2AB")
    team = lambda **kw: {c.pk for c in case_queue(user=world["member"], scope="team", filters=QueueFilters(**kw))}  # noqa: E731
    assert team(overdue=True) == {old.pk}
    assert team(q="grace") == {fresh.pk}
    assert team(q="bc12ab") == {fresh.pk}
    assert team(q="100012345678") == {fresh.pk}
    assert team(q=fresh.reference) == {fresh.pk}
    assert team(status="received") == {old.pk, fresh.pk}
    assert team(status="closed") == set()
    assert team(assigned_to="none") == {old.pk, fresh.pk}


def test_customer_changes_are_kept_and_every_case_is_on_the_customer_page(client, world):
    bin_case = _case(world["bins"])
    permit_case = _case(world["permits"])
    customer = bin_case.customer
    customer_update(customer=customer, user=world["contact"], phone="01234 567890")
    verify(client, world["contact"])
    page = client.get(f"/admin/casework/customers/{customer.pk}/").content.decode()
    assert bin_case.reference in page and permit_case.reference in page
    assert "01234 567890" in page and customer.changes.count() == 1
    client.post(f"/admin/casework/customers/{customer.pk}/", {"name": "Ada King", "email": customer.email})
    customer.refresh_from_db()
    assert customer.name == "Ada King" and customer.changes.filter(field="name", old_value="Ada Lovelace").exists()


def test_an_enquiry_resolved_at_first_contact_is_logged_in_a_few_clicks(client, world):
    verify(client, world["contact"])
    response = client.post(
        "/admin/casework/contacts/new/",
        {"channel": "phone", "topic": "Council tax", "outcome": "Explained the bill", "resolved": "1"},
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.resolved_at_first_contact and contact.created_by == world["contact"]
    assert contact_log(user=world["member"], channel="post", topic="Bins", outcome="Sent a leaflet").pk


def test_staff_complete_a_public_form_for_a_caller(client, world):
    from tests.services.forms.conftest import make_form
    from tests.services.gazetteer.borough import IN_WEST, make_small_borough

    make_small_borough()
    form = make_form()
    form.case_type.team = world["waste"]
    form.case_type.save()
    verify(client, world["contact"])
    assert form.title in client.get("/admin/casework/assisted/").content.decode()
    page = client.get(f"/admin/casework/assisted/{form.slug}/")
    assert page.status_code == 200 and "What has been dumped?" in page.content.decode()
    problem = client.post(f"/admin/casework/assisted/{form.slug}/", {"key": "k1"})
    assert problem.status_code == 200 and "Choose how the caller contacted us" in problem.content.decode()
    response = client.post(
        f"/admin/casework/assisted/{form.slug}/",
        {
            "key": "k2",
            "channel": "phone",
            "name": "Bob Caller",
            "phone": "07700 900123",
            "q-what": "Garden waste",
            "q-bags": "3",
            "q-where-latitude": str(IN_WEST[0]),
            "q-where-longitude": str(IN_WEST[1]),
            "q-where-description": "By the bus stop",
            "q-seen-day": "1",
            "q-seen-month": "1",
            "q-seen-year": "2025",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    case = Case.objects.get(channel="phone")
    assert case.customer.name == "Bob Caller" and case.answers["bags"] in (3, "3")
    assert case.events.filter(kind=CaseEvent.Kind.NOTE).exists()
    assert cases_visible_to(world["member"]).filter(pk=case.pk).exists()
    assert not cases_visible_to(world["other"]).filter(pk=case.pk).exists()
