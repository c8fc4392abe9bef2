"""The audit trail: every view of personal data and every change is recorded (who,
when, what), never edited, and searched only by the data-protection role."""

import pytest
from django.test import Client

from services.cases.models import AuditEntry, CaseFile
from services.cases.operations import ContactDetails, case_create
from tests.services.cases.conftest import verify

pytestmark = pytest.mark.django_db

A = AuditEntry.Action


@pytest.fixture
def case(world, settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path
    case = case_create(
        case_type=world["bins"], answers={"which": "Recycling"}, contact=ContactDetails(name="Ada", email="a@ex.com")
    )
    upload = CaseFile.objects.create(
        case=case, original_name="bin.jpg", stored_name="abcdef.jpg", content_type="image/jpeg", size=3,
        scan_status=CaseFile.Scan.CLEAN,
    )  # fmt: skip
    upload.private_path.parent.mkdir(parents=True)
    upload.private_path.write_bytes(b"abc")
    case.upload = upload
    return case


def test_every_view_and_change_through_the_screens_is_recorded(client, world, case):
    wendy = verify(client, world["member"])
    base = f"/admin/casework/{case.pk}"
    seen = wendy.get(f"{base}/").context["seen"]
    wendy.get(f"{base}/files/{case.upload.pk}/")
    wendy.get(f"/admin/casework/customers/{case.customer_id}/")
    wendy.post(f"/admin/casework/customers/{case.customer_id}/", {"name": "Ada King", "email": "a@ex.com"})
    wendy.post(f"{base}/status/", {"status": world["bins"].statuses.get(slug="assessing").pk, "seen": seen})
    wendy.post(f"{base}/note/", {"text": "Called her back", "public": "0"})
    wendy.post(f"{base}/assign/", {"assignee": world["member"].pk})
    wendy.post(f"{base}/revoke-tracking-link/")

    entries = list(AuditEntry.objects.filter(username="wendy").order_by("pk"))
    assert [e.action for e in entries] == [
        A.CASE_VIEWED, A.FILE_DOWNLOADED, A.CUSTOMER_VIEWED, A.CUSTOMER_CHANGED,
        A.STATUS_CHANGED, A.NOTE_ADDED, A.ASSIGNED, A.TRACKING_REVOKED,
    ]  # fmt: skip
    assert all(e.user == world["member"] and e.at for e in entries)
    assert all(
        e.case_reference == case.reference for e in entries if e.action not in (A.CUSTOMER_VIEWED, A.CUSTOMER_CHANGED)
    )
    assert all(e.customer_id == case.customer_id for e in entries)
    change = next(e for e in entries if e.action == A.CUSTOMER_CHANGED)
    assert change.detail == "Changed: name" and "Ada King" not in change.detail  # what changed, not the data
    assert "Received to Assessing" in next(e for e in entries if e.action == A.STATUS_CHANGED).detail
    # The contact centre reading the case is recorded too; a refused read is not a read.
    verify(Client(), world["contact"]).get(f"{base}/")
    assert AuditEntry.objects.filter(username="connie", action=A.CASE_VIEWED).count() == 1
    verify(Client(), world["other"]).get(f"{base}/")
    assert not AuditEntry.objects.filter(username="percy").exists()


def test_entries_are_never_changed_or_deleted(world, case):
    entry = AuditEntry.objects.create(at=case.created_at, username="wendy", action=A.CASE_VIEWED)
    entry.detail = "rewritten"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).detail == ""


def test_the_data_protection_role_searches_the_trail_and_nobody_else_can(client, world, case):
    # One verified client per person (a one-time code is accepted once).
    staff = {role: verify(Client(), world[role]) for role in ("member", "supervisor", "contact", "other", "nobody")}
    staff["member"].get(f"/admin/casework/{case.pk}/")
    staff["contact"].get(f"/admin/casework/customers/{case.customer_id}/")
    other = case_create(case_type=world["bins"], answers={}, contact=ContactDetails(email="b@ex.com"))
    staff["supervisor"].get(f"/admin/casework/{other.pk}/")

    for role, person in staff.items():
        assert person.get("/admin/casework/audit/").status_code == 404, role

    dpo = verify(client, world["dpo"])
    everything = dpo.get("/admin/casework/audit/")
    assert everything.status_code == 200 and "Audit trail" in everything.content.decode()
    by_case = dpo.get("/admin/casework/audit/", {"reference": case.reference.lower()}).context["page"]
    assert {(e.username, e.action) for e in by_case} == {("wendy", A.CASE_VIEWED)}
    by_customer = dpo.get("/admin/casework/audit/", {"customer": case.customer_id}).context["page"]
    assert {e.username for e in by_customer} == {"wendy", "connie"}
    by_person = dpo.get("/admin/casework/audit/", {"username": "sam", "action": A.CASE_VIEWED}).context["page"]
    assert [e.case_reference for e in by_person] == [other.reference]
    today = case.created_at.date().isoformat()
    assert dpo.get("/admin/casework/audit/", {"from": today, "to": today}).context["page"].paginator.count == 3
    assert (
        dpo.get("/admin/casework/audit/", {"from": "2001-01-01", "to": "2001-01-02"}).context["page"].paginator.count
        == 0
    )
