"""CSV exports of the queues and the first-contact-resolution report."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from services.cases.exports import csv_safe
from services.cases.models import AuditEntry, Case
from services.cases.operations import ContactDetails, case_create, contact_log
from tests.services.cases.conftest import verify

pytestmark = pytest.mark.django_db


def _case(case_type, name="Ada Lovelace", email="ada@example.com", **extra):
    return case_create(
        case_type=case_type, answers={"which": "Recycling"}, contact=ContactDetails(name=name, email=email), **extra
    )


def _export(client, **data) -> list[dict]:
    response = client.post("/admin/casework/export/", {"scope": "team", "status": "", **data})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment")
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_a_team_exports_its_own_cases_only_with_the_queue_filters(client, world):
    mine = _case(world["bins"])
    closed_one = _case(world["bins"])
    Case.objects.filter(pk=closed_one.pk).update(status=Case.Status.CLOSED)
    theirs = _case(world["permits"])
    verify(client, world["member"])
    rows = _export(client)
    assert {row["Reference"] for row in rows} == {mine.reference, closed_one.reference}
    assert {row["Reference"] for row in _export(client, status="open")} == {mine.reference}
    # Asking for the other team's case type gives nothing, never their cases.
    assert _export(client, case_type=world["permits"].pk) == []
    assert theirs.reference not in {row["Reference"] for row in _export(client, q=theirs.reference)}

    # The queue links to the export with its filters, and the page says how many.
    queue = client.get("/admin/casework/team/", {"status": "open"}).content.decode()
    assert "/admin/casework/export/?scope=team&amp;status=open" in queue
    page = client.get("/admin/casework/export/", {"scope": "team", "status": "open"}).content.decode()
    assert "1 case from your team" in page and 'name="status" value="open"' in page


def test_personal_data_only_for_supervisors_and_only_for_cases_they_work(client, world):
    case = _case(world["bins"], name='=HYPERLINK("http://evil.example")', email="ada@example.com")
    Case.objects.filter(pk=case.pk).update(location_description="+44 by the gate", ward="-Ward")
    parking = _case(world["permits"], name="Percy Park", email="percy@example.com")

    verify(client, world["member"])
    [row] = _export(client)
    assert "Customer name" not in row and "ada@example.com" not in str(row)
    assert row["Ward"] == "'-Ward"

    world["contact_centre"].supervisors.add(world["supervisor"])
    verify(client, world["supervisor"])
    rows = {row["Reference"]: row for row in _export(client)}
    assert rows[case.reference]["Customer name"] == '\'=HYPERLINK("http://evil.example")'
    assert rows[case.reference]["Customer email"] == "ada@example.com"
    assert rows[case.reference]["Location description"] == "'+44 by the gate"
    # The contact centre sees the parking case, but its supervisor does not work it: no details.
    assert rows[parking.reference]["Customer name"] == "" and rows[parking.reference]["Customer email"] == ""


def test_every_export_is_in_the_audit_trail_without_the_search_text(client, world):
    _case(world["bins"])
    verify(client, world["member"])
    _export(client, q="Lovelace", channel="web")
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORTED)
    assert entry.user == world["member"] and entry.username == "wendy"
    assert "1 case from the team queue, without personal data" in entry.detail
    assert "channel=web" in entry.detail and "Lovelace" not in entry.detail


@pytest.mark.parametrize(
    "value, safe",
    [("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"), ("Ada", "Ada")],
)
def test_cells_a_spreadsheet_would_run_are_neutralised(value, safe):
    assert csv_safe(value) == safe


def test_first_contact_resolution_by_channel_and_week_on_screen_and_as_csv(client, world):
    now = timezone.now()
    for resolved in (True, True, True, False):
        contact_log(user=world["contact"], channel="phone", topic="Council tax", outcome="Done", now=now,
                    resolved_at_first_contact=resolved)  # fmt: skip
    contact_log(user=world["contact"], channel="face_to_face", topic="Parking", outcome="Done", now=now)
    _case(world["bins"], channel=Case.Channel.PHONE)
    _case(world["bins"])  # web
    _case(world["permits"], channel=Case.Channel.PHONE)  # another team's: not in the Waste supervisor's figures
    old = now - timedelta(days=400)
    contact_log(user=world["contact"], channel="phone", topic="Old", outcome="Done", now=old)

    verify(client, world["member"])
    assert client.get("/admin/casework/reports/first-contact/").status_code == 404

    verify(client, world["supervisor"])
    page = client.get("/admin/casework/reports/first-contact/")
    rows = {row["channel"]: row for row in page.context["rows"]}
    assert rows["Phone"]["resolved"] == 3 and rows["Phone"]["passed_on"] == 1 and rows["Phone"]["cases"] == 1
    assert rows["Phone"]["rate"] == 60
    assert rows["Face to face"]["rate"] == 100 and rows["Web"]["rate"] == 0 and rows["Web"]["cases"] == 1
    assert sum(row["total"] for row in page.context["rows"]) == 7  # the old enquiry is outside the period
    assert "60%" in page.content.decode()

    response = client.get("/admin/casework/reports/first-contact/", {"period": "month", "format": "csv"})
    assert response["Content-Disposition"].startswith("attachment")
    table = list(csv.DictReader(io.StringIO(response.content.decode())))
    phone = next(row for row in table if row["Channel"] == "Phone")
    assert phone["First-contact resolution (%)"] == "60" and phone["All contacts"] == "5"
    assert phone["Period starting"] == timezone.localdate().replace(day=1).isoformat()
