"""Your requests: the resident's cases, newest first, their timeline, answers and
uploads; adding information; and the 404 every other resident gets."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from services.cases.models import Case, CaseEvent, CaseFile
from services.cases.operations import case_tracking_link_revoke
from tests.services.accounts.conftest import make_case, make_resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path
    return tmp_path


def add_upload(case, name="bin.jpg", data=b"\xff\xd8\xff picture", scan=CaseFile.Scan.CLEAN):
    from services.forms.uploads import private_path

    stored = f"{uuid.uuid4().hex}.jpg"
    path = private_path(stored)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return CaseFile.objects.create(
        case=case, original_name=name, stored_name=stored, content_type="image/jpeg", size=len(data), scan_status=scan
    )


def test_requests_are_newest_first_with_status_and_expected_date(signed_in, resident):
    old = make_case(now=timezone.now() - timedelta(days=60))
    new = make_case(case_type_name="Pothole")
    make_case("someone.else@example.org")
    page = signed_in.get("/account/requests/").content.decode()
    assert page.index(new.reference) < page.index(old.reference)
    assert page.count('href="/account/requests/BC-') == 2
    assert "Overdue" in page  # the old one is past its SLA date
    assert new.sla_due.strftime("%-d %B %Y") in page


def test_a_request_shows_its_public_timeline_answers_and_uploads(signed_in, private_root):
    case = make_case()
    upload = add_upload(case)
    add_upload(case, name="held.pdf", scan=CaseFile.Scan.HELD)
    CaseEvent.objects.create(
        case=case, kind="note", description="Staff only: neighbour dispute", created_at=timezone.now()
    )
    CaseEvent.objects.create(
        case=case, kind="status", description="We are looking into it", public=True, created_at=timezone.now()
    )
    page = signed_in.get(f"/account/requests/{case.reference}/").content.decode()
    assert "We are looking into it" in page and "neighbour dispute" not in page
    assert "Which bin?" in page and "Blue bin" in page
    assert "bin.jpg" in page and "held.pdf" not in page
    assert "Overdue" not in page and "We aim to respond by" in page
    download = signed_in.get(f"/account/requests/{case.reference}/files/{upload.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == b"\xff\xd8\xff picture"
    timeline = signed_in.get(f"/account/requests/{case.reference}/timeline/").content.decode()
    assert "We are looking into it" in timeline and "neighbour dispute" not in timeline


def test_adding_information_reaches_staff_but_never_the_tracking_page(signed_in, client):
    case = make_case()
    assert signed_in.post(f"/account/requests/{case.reference}/add/", {"information": ""}).status_code == 200
    response = signed_in.post(f"/account/requests/{case.reference}/add/", {"information": "It is the blue one"})
    assert response["Location"] == f"/account/requests/{case.reference}/"
    event = case.events.get(kind=CaseEvent.Kind.UPDATE)
    assert "It is the blue one" in event.description and event.actor == "resident"
    assert "It is the blue one" in signed_in.get(response["Location"]).content.decode()
    anonymous = client.__class__()
    assert "blue one" not in anonymous.get(f"/track/{case.tracking_token}/").content.decode()


def test_closed_requests_take_no_more_information(signed_in):
    case = make_case()
    Case.objects.filter(pk=case.pk).update(status=Case.Status.CLOSED)
    response = signed_in.post(f"/account/requests/{case.reference}/add/", {"information": "More"})
    assert response.status_code == 302
    assert not case.events.filter(kind=CaseEvent.Kind.UPDATE).exists()
    assert "Add information" not in signed_in.get(f"/account/requests/{case.reference}/").content.decode()


def test_another_resident_gets_404_for_every_url_of_a_case(client, private_root):
    owner = make_resident("owner@example.org")
    case = make_case(owner.email)
    upload = add_upload(case)
    intruder = make_resident("intruder@example.org")
    client.force_login(intruder)
    urls = [
        f"/account/requests/{case.reference}/",
        f"/account/requests/{case.reference}/timeline/",
        f"/account/requests/{case.reference}/add/",
        f"/account/requests/{case.reference}/files/{upload.pk}/",
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"information": "mine now"}).status_code in (404, 405), url
    assert not case.events.filter(kind=CaseEvent.Kind.UPDATE).exists()
    # Their own case cannot reach someone else's upload either.
    own = make_case(intruder.email)
    assert client.get(f"/account/requests/{own.reference}/files/{upload.pk}/").status_code == 404
    assert client.get("/account/requests/BC-2026-999999/").status_code == 404
    assert case.reference not in client.get("/account/requests/").content.decode()
    # The owner sees all of it.
    client.force_login(owner)
    for url in urls[:3]:
        assert client.get(url).status_code == 200, url


def test_unconfirmed_accounts_and_staff_see_no_requests(client, staff_user):
    make_case("pending@example.org")
    pending = make_resident("pending@example.org", verified=False)
    client.force_login(pending)
    assert client.get("/account/requests/").status_code == 302
    case = make_case(staff_user.email)
    client.force_login(staff_user)
    assert client.get(f"/account/requests/{case.reference}/").status_code == 302


def test_requests_sent_after_sign_up_with_the_same_address_appear(signed_in):
    later = make_case("RITA@example.org")
    assert later.reference in signed_in.get("/account/requests/").content.decode()


def test_tracking_page_shows_status_and_expected_date_but_no_personal_data(client):
    case = make_case("private.person@example.org", now=timezone.now() - timedelta(days=40))
    Case.objects.filter(pk=case.pk).update(address="1 Secret Lane", location_description="Outside number 1")
    page = client.get(f"/track/{case.tracking_token}/").content.decode()
    assert case.reference in page and "Received" in page and "Overdue" in page
    for personal in ("private.person", "Rita Resident", "Secret Lane", "Outside number 1", "Blue bin"):
        assert personal not in page


def test_staff_can_revoke_a_tracking_link(client):
    case = make_case(None)
    old = case.tracking_token
    assert client.get(f"/track/{old}/").status_code == 200
    new = case_tracking_link_revoke(case=case, actor="casey")
    assert client.get(f"/track/{old}/").status_code == 404
    assert client.get(f"/track/{new}/").status_code == 200
    assert case.events.filter(public=False, description__contains="revoked").exists()


def test_staff_revoke_a_tracking_link_from_the_case_screen(client, staff_user):
    from services.staff.operations import current_totp_code

    case = make_case(None)
    old = case.tracking_token
    client.force_login(staff_user)
    client.post("/admin/2fa/", {"code": current_totp_code(staff_user.totp_device)})
    inspect = client.get(f"/admin/casework/{case.pk}/")
    assert "Revoke tracking link" in inspect.content.decode()
    response = client.post(f"/admin/casework/{case.pk}/revoke-tracking-link/")
    assert response["Location"] == f"/admin/casework/{case.pk}/"
    case.refresh_from_db()
    assert case.tracking_token != old
    assert client.get(f"/track/{old}/").status_code == 404


def test_the_timeline_writes_times_as_gov_uk_does(signed_in):
    from datetime import UTC, datetime

    case = make_case()
    CaseEvent.objects.create(
        case=case,
        kind="status",
        description="Crew sent",
        public=True,
        created_at=datetime(2026, 7, 1, 8, 12, tzinfo=UTC),  # 9:12am in London (BST)
    )
    for url in (f"/account/requests/{case.reference}/", f"/account/requests/{case.reference}/timeline/"):
        page = signed_in.get(url).content.decode()
        assert "1 July 2026, 9:12am</strong>: Crew sent" in page, url
        assert "a.m." not in page and "p.m." not in page, url
