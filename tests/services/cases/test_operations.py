"""case_create: one transaction, a human reference, the SLA clock, idempotency, outbox rows."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from services.cases.models import BankHoliday, Case, CaseEvent, CaseType, Customer, Outbox
from services.cases.operations import CaseLocation, ContactDetails, case_create
from services.cases.sla import working_days_after

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def missed_bin(db):
    return CaseType.objects.create(name="Missed bin", sla_working_days=3, team_name="Waste")


def test_references_are_sequential_per_year_with_the_configured_prefix(missed_bin, settings):
    settings.CASE_REFERENCE_PREFIX = "EBC"
    first = case_create(case_type=missed_bin, answers={}, now=datetime(2026, 3, 2, 9, tzinfo=LONDON))
    second = case_create(case_type=missed_bin, answers={}, now=datetime(2026, 3, 2, 10, tzinfo=LONDON))
    next_year = case_create(case_type=missed_bin, answers={}, now=datetime(2027, 1, 4, 9, tzinfo=LONDON))
    assert [first.reference, second.reference, next_year.reference] == [
        "EBC-2026-000001",
        "EBC-2026-000002",
        "EBC-2027-000001",
    ]
    assert first.tracking_token != second.tracking_token and len(first.tracking_token) >= 40


def test_sla_due_date_skips_weekends_and_bank_holidays(missed_bin):
    BankHoliday.objects.create(date=date(2026, 12, 25), title="Christmas Day")
    BankHoliday.objects.create(date=date(2026, 12, 28), title="Boxing Day (substitute day)")
    # Thursday 24 December 2026 + 3 working days: Tue 29, Wed 30, Thu 31.
    case = case_create(case_type=missed_bin, answers={}, now=datetime(2026, 12, 24, 11, tzinfo=LONDON))
    assert case.sla_due == date(2026, 12, 31)
    assert working_days_after(start=date(2026, 11, 20), days=1, holidays=set()) == date(2026, 11, 23)


def test_the_same_submission_key_returns_the_same_case(missed_bin):
    first = case_create(case_type=missed_bin, answers={"a": "1"}, submission_key="key-1")
    again = case_create(case_type=missed_bin, answers={"a": "2"}, submission_key="key-1")
    assert again.pk == first.pk and first.was_created and not again.was_created
    assert Case.objects.count() == 1
    assert CaseEvent.objects.count() == 1
    assert Outbox.objects.count() == 1


def test_customer_is_matched_by_email_and_none_when_anonymous(missed_bin):
    contact = ContactDetails(name="Sam Jones", email="Sam@Example.com")
    one = case_create(case_type=missed_bin, answers={}, contact=contact)
    two = case_create(
        case_type=missed_bin, answers={}, contact=ContactDetails(email="sam@example.com", phone="01632960001")
    )
    anonymous = case_create(case_type=missed_bin, answers={}, contact=ContactDetails())
    assert one.customer_id == two.customer_id
    assert Customer.objects.get().phone == "01632960001"
    assert anonymous.customer is None


def test_first_event_and_outbox_rows_are_written_with_the_case(missed_bin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = case_create(
            case_type=missed_bin,
            answers={"q": "Recycling"},
            contact=ContactDetails(name="Sam", email="sam@example.com"),
            confirmation_text="Leave your bin out until we come back.",
        )
    assert case.events.get(kind="created").description == "Missed bin received by web."
    assert case.events.get(kind="email").description.startswith("The confirmation email was sent")
    topics = sorted(case.outbox.values_list("topic", flat=True))
    assert topics == ["case.confirmation_email", "case.created"]
    assert len(mail.outbox) == 1
    assert case.reference in mail.outbox[0].subject
    assert "Leave your bin out until we come back." in mail.outbox[0].body
    assert case.tracking_token in mail.outbox[0].body
    assert case.outbox.get(topic="case.confirmation_email").state == Outbox.State.SENT


def test_location_is_kept_and_ward_is_empty_without_the_gazetteer(missed_bin):
    case = case_create(
        case_type=missed_bin,
        answers={},
        location=CaseLocation(latitude="52.123456789", longitude="-1.5", description="By the gate"),
    )
    case.refresh_from_db()
    assert str(case.latitude) == "52.123457"
    assert case.location_description == "By the gate"
    assert case.ward == ""
