"""Case work stays quick as cases pile up: a case page and a queue page ask the database
a bounded number of questions however long the timeline or the queue, and queues stop
counting past a limit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from services.cases import admin_views
from services.cases.models import Case, CaseEvent, CaseFile
from services.cases.operations import ContactDetails, case_create, case_note_add, case_status_change, cases_assign
from services.cases.selectors import QueueFilters, case_queue
from tests.services.cases.conftest import verify

pytestmark = pytest.mark.django_db

CASE_PAGE_MAX_QUERIES = 20  # issue 6: a case page in at most 20 database queries


def _case(world, **extra):
    return case_create(
        case_type=world["bins"],
        answers={"which": "Recycling"},
        answer_summary=[{"question_id": "which", "label": "Which bin?", "answer": "Recycling"}],
        contact=extra.pop("contact", ContactDetails(name="Ada Lovelace", email="ada@example.com")),
        **extra,
    )


def test_a_worked_case_page_stays_within_twenty_queries(client, world, django_assert_max_num_queries):
    case = _case(world)
    Case.objects.filter(pk=case.pk).update(uprn="100012345678", address="1 High Street, Borchester BC1 2AB")
    case.refresh_from_db()
    case_status_change(case=case, to_status=world["bins"].statuses.get(slug="assessing"), user=world["member"])
    for n in range(30):
        case_note_add(case=case, user=world["member"], text=f"Visit {n}: crew could not get access", public=n % 3 == 0)
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case=case, kind=CaseEvent.Kind.UPDATE, description=f"Contractor update {n}", created_at=timezone.now()
        )
        for n in range(30)
    )
    for n, scan in enumerate([CaseFile.Scan.CLEAN, CaseFile.Scan.NOT_SCANNED, CaseFile.Scan.HELD] * 3):
        CaseFile.objects.create(
            case=case,
            original_name=f"photo-{n}.jpg",
            stored_name=f"stored-{case.pk}-{n}",
            content_type="image/jpeg",
            size=1000,
            scan_status=scan,
        )
    same_customer = [_case(world) for _ in range(6)]
    same_address = [_case(world, contact=ContactDetails(name="Grace Hopper", email="g@example.com")) for _ in range(6)]
    Case.objects.filter(pk__in=[c.pk for c in same_address]).update(uprn="100012345678")
    cases_assign(cases=Case.objects.filter(pk=case.pk), assignee=world["member"], user=world["supervisor"])
    verify(client, world["member"])
    client.get("/admin/casework/")  # they come to the case from their queue

    with django_assert_max_num_queries(CASE_PAGE_MAX_QUERIES):
        response = client.get(f"/admin/casework/{case.pk}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "Visit 29: crew could not get access" in page and "Contractor update 29" in page
    assert f"/admin/casework/{case.pk}/files/" in page and "photo-2.jpg (not available" in page
    assert all(other.reference in page for other in same_customer + same_address)
    assert "Collected" in page  # the resolution categories, to close the case with
    assert "Wendy" in page  # assignable colleagues


def test_a_new_case_page_with_a_duplicate_warning_stays_within_twenty_queries(
    client, world, django_assert_max_num_queries
):
    from services.cases.operations import CaseLocation

    here = CaseLocation(latitude=52.2, longitude=-1.7, description="By the gate")
    earlier = _case(world, location=here)
    case = _case(world, location=here, contact=ContactDetails(name="Grace Hopper", email="g@example.com"))
    verify(client, world["member"])
    client.get("/admin/casework/")

    with django_assert_max_num_queries(CASE_PAGE_MAX_QUERIES):
        response = client.get(f"/admin/casework/{case.pk}/")

    assert [item["case"] for item in response.context["duplicates"]] == [earlier]


def test_the_queue_asks_the_same_number_of_questions_for_many_cases(client, world, django_assert_max_num_queries):
    verify(client, world["member"])
    _case(world)
    with django_assert_max_num_queries(20) as few:
        client.get("/admin/casework/team/")
    for n in range(40):
        case = _case(world, contact=ContactDetails(name=f"Resident {n}", email=f"r{n}@example.com"))
        if n % 2:
            cases_assign(cases=Case.objects.filter(pk=case.pk), assignee=world["member"], user=world["supervisor"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/admin/casework/team/?sort=priority")
    assert response.content.decode().count('name="case" value=') == 41


def test_a_long_queue_says_more_than_the_limit_and_still_pages(client, world, monkeypatch):
    monkeypatch.setattr(admin_views, "COUNT_LIMIT", 5)
    monkeypatch.setattr(admin_views, "PAGE_SIZE", 2)
    cases = [_case(world) for _ in range(7)]
    verify(client, world["member"])
    first = client.get("/admin/casework/team/?sort=reference").content.decode()
    assert "More than 5 cases" in first and "Page 1 of more than 3" in first
    assert cases[0].reference in first and cases[2].reference not in first
    third = client.get("/admin/casework/team/?sort=reference&page=3").content.decode()
    assert cases[4].reference in third
    narrow = client.get(f"/admin/casework/team/?q={cases[6].reference}").content.decode()
    assert "1 case<" in narrow and cases[6].reference in narrow


def test_queue_search_finds_a_customer_by_part_of_their_name_and_a_street(world):
    grace = _case(world, contact=ContactDetails(name="Grace Hopper", email="grace@example.com"))
    ada = _case(world)
    Case.objects.filter(pk=ada.pk).update(address="12 Mill Lane, Borchester BC3 4CD")
    team = lambda q: {c.pk for c in case_queue(user=world["member"], scope="team", filters=QueueFilters(q=q))}  # noqa: E731
    assert team("hopp") == {grace.pk}
    assert team("mill lane") == {ada.pk}
    assert team("bc3 4cd") == {ada.pk}
    assert team(grace.reference.lower()) == {grace.pk}
    assert team(grace.reference.split("-")[-1]) == {grace.pk}  # the number part of a reference


def test_the_status_filter_and_overdue_work_together_on_open_cases(world):
    late = _case(world, now=timezone.now() - timedelta(days=30))
    case_status_change(case=late, to_status=world["bins"].statuses.get(slug="assessing"), user=world["member"])
    _case(world, now=timezone.now() - timedelta(days=30))
    closed = _case(world, now=timezone.now() - timedelta(days=30))
    category = world["bins"].resolution_categories.get(name="Collected")
    case_status_change(
        case=closed,
        to_status=world["bins"].statuses.get(slug="closed"),
        user=world["member"],
        resolution_category=category,
    )
    team = lambda **kw: {c.pk for c in case_queue(user=world["member"], scope="team", filters=QueueFilters(**kw))}  # noqa: E731
    assert team(status="assessing", overdue=True) == {late.pk}
    assert team(status="closed") == {closed.pk}
    assert closed.pk not in team(status="open", overdue=True)
