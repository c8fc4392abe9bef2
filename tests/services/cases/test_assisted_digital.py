"""Assisted digital: staff complete a public form for a caller, for an existing
customer, with the files the caller sent, through the public form's upload checks."""

import io

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from services.cases.models import AuditEntry, Case, CaseFile, Customer
from tests.services.cases.conftest import verify
from tests.services.forms.test_uploads import photo_with_location

pytestmark = pytest.mark.django_db


@pytest.fixture
def fly_tip(world, settings, tmp_path):
    from tests.services.forms.conftest import make_form
    from tests.services.gazetteer.borough import make_small_borough

    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    settings.CLAMAV_SOCKET = ""
    make_small_borough()
    form = make_form()
    form.case_type.team = world["waste"]
    form.case_type.save()
    return form


def _answers(**extra):
    from tests.services.gazetteer.borough import IN_WEST

    return {
        "channel": "phone",
        "q-what": "Garden waste",
        "q-bags": "3",
        "q-where-latitude": str(IN_WEST[0]),
        "q-where-longitude": str(IN_WEST[1]),
        "q-where-description": "By the bus stop",
        "q-seen-day": "1",
        "q-seen-month": "1",
        "q-seen-year": "2025",
        **extra,
    }


def test_a_case_for_an_existing_customer_with_only_a_phone_number_is_theirs(client, world, fly_tip):
    caller = Customer.objects.create(name="Bob Caller", phone="07700 900123")
    verify(client, world["contact"])
    page = client.get(f"/admin/casework/assisted/{fly_tip.slug}/", {"find": "Bob"}).content.decode()
    assert f"?customer={caller.pk}" in page
    response = client.post(f"/admin/casework/assisted/{fly_tip.slug}/", _answers(key="k1", customer=caller.pk))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.customer == caller and case.channel == "phone"
    assert Customer.objects.count() == 1
    assert case.events.filter(description__contains="Completed by staff for the caller (phone)").count() == 1
    # The same submission again (a double click) makes nothing new.
    client.post(f"/admin/casework/assisted/{fly_tip.slug}/", _answers(key="k1", customer=caller.pk))
    assert Case.objects.count() == 1 and case.events.filter(description__startswith="Completed by staff").count() == 1
    # The audit trail names who recorded it, once.
    created = AuditEntry.objects.filter(action=AuditEntry.Action.CASE_CREATED, case_reference=case.reference)
    assert list(created.values_list("user", flat=True)) == [world["contact"].pk]


def test_staff_attach_the_callers_photo_through_the_public_upload_checks(client, world, fly_tip, settings):
    verify(client, world["contact"])
    photo = SimpleUploadedFile("IMG_0001.jpg", photo_with_location(), content_type="image/jpeg")
    response = client.post(
        f"/admin/casework/assisted/{fly_tip.slug}/", {**_answers(key="k2", name="Ann Caller"), "q-photo": photo}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    stored = CaseFile.objects.get(case=case)
    assert stored.original_name == "IMG_0001.jpg" and "IMG_0001" not in stored.stored_name
    assert stored.private_path.is_relative_to(settings.PRIVATE_UPLOAD_ROOT)
    assert b"PhoneMaker" not in stored.private_path.read_bytes()
    with Image.open(io.BytesIO(stored.private_path.read_bytes())) as image:
        assert not image.getexif()
    assert any(row["answer"] == "IMG_0001.jpg" for row in case.answer_summary)

    # The Waste team downloads it from the case page; the Parking team cannot.
    url = f"/admin/casework/{case.pk}/files/{stored.pk}/"
    assert url in client.get(f"/admin/casework/{case.pk}/").content.decode()
    download = verify(client, world["member"]).get(url)
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert verify(client, world["other"]).get(url).status_code == 404


def test_a_file_that_is_not_a_photo_is_refused_and_no_case_is_made(client, world, fly_tip):
    verify(client, world["contact"])
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not a picture", content_type="image/jpeg")
    response = client.post(f"/admin/casework/assisted/{fly_tip.slug}/", {**_answers(key="k3"), "q-photo": fake})
    assert response.status_code == 200
    assert "must be a JPEG, PNG, GIF or WebP photo" in response.content.decode()
    assert not Case.objects.exists() and not CaseFile.objects.exists()


def test_an_attached_photo_is_kept_when_another_answer_is_wrong_and_forged_ids_are_not(client, world, fly_tip):
    verify(client, world["contact"])
    photo = SimpleUploadedFile("bin.png", photo_with_location("PNG"), content_type="image/png")
    first = client.post(
        f"/admin/casework/assisted/{fly_tip.slug}/", {**_answers(key="k4", channel=""), "q-photo": photo}
    )
    page = first.content.decode()
    assert "Choose how the caller contacted us" in page and "bin.png" in page
    kept = first.context["kept_files"]
    second = client.post(f"/admin/casework/assisted/{fly_tip.slug}/", {**_answers(key="k4"), "files": kept})
    assert second.status_code == 302
    case = Case.objects.get()
    assert case.files.get().original_name == "bin.png"

    # Someone else's unattached upload cannot be claimed by sending its id unsigned.
    loose = CaseFile.objects.create(
        original_name="theirs.jpg", stored_name="x" * 32, content_type="image/jpeg", size=1, scan_status="clean"
    )
    forged = signing.dumps({"photo": [[str(loose.pk), "theirs.jpg"]]}, salt="wrong")
    client.post(f"/admin/casework/assisted/{fly_tip.slug}/", {**_answers(key="k5"), "files": forged})
    loose.refresh_from_db()
    assert loose.case is None


def test_staff_remove_an_attached_file_before_creating_the_case(client, world, fly_tip):
    verify(client, world["contact"])
    photo = SimpleUploadedFile("wrong.jpg", photo_with_location(), content_type="image/jpeg")
    first = client.post(
        f"/admin/casework/assisted/{fly_tip.slug}/", {**_answers(key="k6", channel=""), "q-photo": photo}
    )
    [(file_id, name)] = first.context["questions"][-1]["files"]
    assert name == "wrong.jpg"
    removed = client.post(
        f"/admin/casework/assisted/{fly_tip.slug}/",
        {**_answers(key="k6"), "files": first.context["kept_files"], "action": f"remove:photo:{file_id}"},
    )
    assert removed.status_code == 200 and not Case.objects.exists()
    assert "wrong.jpg" not in removed.content.decode()
    created = client.post(
        f"/admin/casework/assisted/{fly_tip.slug}/", {**_answers(key="k6"), "files": removed.context["kept_files"]}
    )
    assert created.status_code == 302
    assert not Case.objects.get().files.exists()


def test_a_new_callers_details_are_checked_as_the_public_form_checks_them(client, world, fly_tip):
    verify(client, world["contact"])
    url = f"/admin/casework/assisted/{fly_tip.slug}/"
    response = client.post(url, _answers(key="k6", name="Dee Caller", email="dee.caller@", phone="07700 900456"))
    page = response.content.decode()
    assert response.status_code == 200 and not Case.objects.exists() and not Customer.objects.exists()
    assert 'href="#email"' in page  # in the error summary, linked to the field
    assert 'aria-describedby="email-error"' in page and 'id="email-error"' in page
    assert 'value="dee.caller@"' in page and 'value="Dee Caller"' in page  # nothing typed is lost

    response = client.post(url, _answers(key="k6", name="Dee Caller", email="dee.caller@example.com", phone=""))
    assert response.status_code == 302
    assert Case.objects.get().customer.email == "dee.caller@example.com"


def test_when_the_form_needs_contact_details_a_callers_email_or_phone_is_enough():
    from services.forms.forms import CallerContactForm

    nothing = CallerContactForm({"name": "Dee Caller", "email": "", "phone": ""}, contact_required=True)
    assert not nothing.is_valid()
    assert nothing.errors["email"] == ["Enter the caller's email address or phone number"]
    assert CallerContactForm({"name": "Dee", "email": "", "phone": "07700 900456"}, contact_required=True).is_valid()
    assert CallerContactForm({"name": "", "email": "dee@example.com", "phone": ""}, contact_required=True).is_valid()
    assert CallerContactForm({"name": "", "email": "", "phone": ""}, contact_required=False).is_valid()  # anonymous
