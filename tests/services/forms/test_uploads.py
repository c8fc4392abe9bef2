"""Uploads: checked by content, re-encoded without location, kept privately, scanned
by ClamAV's daemon when configured, and held when they could not be scanned."""

import io
import socket
import struct
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from services.cases.models import Case, CaseFile
from services.forms.uploads import UploadError, private_path, upload_store

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_UPLOAD_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EFORM_MIN_FILL_SECONDS = 0
    settings.CLAMAV_SOCKET = ""


def photo_with_location(fmt="JPEG", size=(40, 30)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (52.0, 12.0, 1.0), "W", (1.0, 30.0, 2.0)
    out = io.BytesIO()
    image.save(out, format=fmt, exif=exif.tobytes())
    return out.getvalue()


def upload(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_photo_is_reencoded_without_location_and_stored_privately(settings):
    original = photo_with_location()
    assert b"PhoneMaker" in original
    stored = upload_store(uploaded=upload("IMG_0001.jpg", original), allowed_types=["image"], max_size_mb=1)
    path = private_path(stored.stored_name)
    assert path.is_relative_to(settings.PRIVATE_UPLOAD_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
    data = path.read_bytes()
    assert b"PhoneMaker" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
    assert stored.original_name == "IMG_0001.jpg" and "IMG_0001" not in stored.stored_name
    assert stored.scan_status == CaseFile.Scan.NOT_SCANNED


def test_a_file_renamed_to_look_like_a_photo_is_refused():
    with pytest.raises(UploadError, match="must be a JPEG, PNG, GIF or WebP photo"):
        upload_store(uploaded=upload("photo.jpg", b"MZ\x90\x00 not a picture"), allowed_types=["image"], max_size_mb=1)
    with pytest.raises(UploadError, match="must be a JPEG, PNG, GIF or WebP photo"):
        upload_store(uploaded=upload("doc.png", b"%PDF-1.4\n%%EOF"), allowed_types=["image"], max_size_mb=1)


def test_a_broken_picture_is_refused():
    with pytest.raises(UploadError, match="could not be read"):
        upload_store(uploaded=upload("p.jpg", b"\xff\xd8\xff\xe0broken"), allowed_types=["image"], max_size_mb=1)


def test_size_limit_is_named():
    big = b"\xff\xd8\xff" + b"0" * (1024 * 1024)
    with pytest.raises(UploadError, match="smaller than 1MB"):
        upload_store(uploaded=upload("big.jpg", big), allowed_types=["image"], max_size_mb=1)


def test_decompression_bombs_are_refused():
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, format="PNG")
    with pytest.raises(UploadError, match="too big"):
        upload_store(uploaded=upload("bomb.png", out.getvalue()), allowed_types=["image"], max_size_mb=5)


def test_pdf_allowed_only_when_the_editor_allows_it():
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    stored = upload_store(uploaded=upload("letter.pdf", pdf, "application/pdf"), allowed_types=["pdf"], max_size_mb=1)
    assert stored.content_type == "application/pdf"
    with pytest.raises(UploadError, match="must be a JPEG"):
        upload_store(uploaded=upload("letter.pdf", pdf, "application/pdf"), allowed_types=["image"], max_size_mb=1)


class FakeClamd:
    """A local stand-in speaking clamd's documented INSTREAM protocol."""

    def __init__(self, path, verdict):
        self.path, self.verdict = str(path), verdict
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(1)
        self.received = b""
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        conn, _ = self.server.accept()
        with conn:
            buffer = b""
            while not buffer.startswith(b"zINSTREAM\0"):
                buffer += conn.recv(1024)
            buffer = buffer[len(b"zINSTREAM\0") :]
            while True:
                while len(buffer) < 4:
                    buffer += conn.recv(65536)
                (size,) = struct.unpack("!L", buffer[:4])
                buffer = buffer[4:]
                if size == 0:
                    break
                while len(buffer) < size:
                    buffer += conn.recv(65536)
                self.received += buffer[:size]
                buffer = buffer[size:]
            conn.sendall(self.verdict + b"\0")
        self.server.close()


def test_clean_scan_marks_the_file_clean(settings, tmp_path):
    settings.CLAMAV_SOCKET = str(tmp_path / "clamd.sock")
    clamd = FakeClamd(settings.CLAMAV_SOCKET, b"stream: OK")
    stored = upload_store(uploaded=upload("a.jpg", photo_with_location()), allowed_types=["image"], max_size_mb=1)
    clamd.thread.join(5)
    assert stored.scan_status == CaseFile.Scan.CLEAN
    assert clamd.received == private_path(stored.stored_name).read_bytes()


def test_infected_file_is_refused(settings, tmp_path):
    settings.CLAMAV_SOCKET = str(tmp_path / "clamd.sock")
    FakeClamd(settings.CLAMAV_SOCKET, b"stream: Eicar-Test-Signature FOUND")
    with pytest.raises(UploadError, match="virus"):
        upload_store(uploaded=upload("a.pdf", b"%PDF-1.4\nX5O\n%%EOF"), allowed_types=["pdf"], max_size_mb=1)
    assert not CaseFile.objects.exists()


def test_scanner_down_holds_the_file(settings, tmp_path):
    settings.CLAMAV_SOCKET = str(tmp_path / "nobody-listening.sock")
    stored = upload_store(uploaded=upload("a.jpg", photo_with_location()), allowed_types=["image"], max_size_mb=1)
    assert stored.scan_status == CaseFile.Scan.HELD


def _to_step_3(client, form):
    client.get(f"/forms/{form.slug}/")
    client.post(f"/forms/{form.slug}/step/1/", {"q-what": "Garden waste", "q-bags": "4"})
    client.post(
        f"/forms/{form.slug}/step/2/",
        {"q-where-description": "Lane", "q-seen-day": "1", "q-seen-month": "1", "q-seen-year": "2025"},
    )


def test_photos_uploaded_in_the_form_end_up_on_the_case(client, fly_tip_form):
    _to_step_3(client, fly_tip_form)
    response = client.post(
        "/forms/report-a-fly-tip/step/3/", {"q-photo": [upload("one.jpg", photo_with_location())]}, follow=False
    )
    assert response["Location"] == "/forms/report-a-fly-tip/your-details/"
    client.post("/forms/report-a-fly-tip/your-details/", {"name": "", "email": ""})
    check = client.get("/forms/report-a-fly-tip/check-your-answers/").content.decode()
    assert "one.jpg" in check
    import re

    client.post(
        "/forms/report-a-fly-tip/check-your-answers/",
        {
            "key": re.search(r'name="key" value="([^"]+)"', check)[1],
            "started": re.search(r'name="started" value="([^"]+)"', check)[1],
        },
    )
    case = Case.objects.get()
    assert [f.original_name for f in case.files.all()] == ["one.jpg"]
    assert case.answers["photo"] == [str(case.files.get().pk)]


def test_too_many_files_and_wrong_types_are_refused_with_the_limit(client, fly_tip_form):
    _to_step_3(client, fly_tip_form)
    page = client.post("/forms/report-a-fly-tip/step/3/", {"q-photo": [upload("x.jpg", b"GIF8 nope")]}).content.decode()
    assert "must be a JPEG, PNG, GIF or WebP photo" in page
    files = [upload(f"{n}.jpg", photo_with_location()) for n in range(3)]
    page = client.post("/forms/report-a-fly-tip/step/3/", {"q-photo": files}).content.decode()
    assert "You can upload up to 2 files" in page
    # The two good photos were kept, and can be removed again.
    assert page.count("Uploaded file") == 2


def test_another_submissions_file_cannot_be_attached(client, fly_tip_form):
    other = upload_store(uploaded=upload("theirs.jpg", photo_with_location()), allowed_types=["image"], max_size_mb=1)
    _to_step_3(client, fly_tip_form)
    from services.forms.submission import answers_validate

    answers, problems = answers_validate(
        definition=fly_tip_form.definition,
        raw={"what": "Other", "what-other": "x", "bags": "1", "where": {"description": "x"}, "seen": "2025-01-01",
             "photo": [str(other.pk)]},
        context={"files": set()},
    )  # fmt: skip
    assert "photo" in problems.errors


def test_an_uploaded_file_can_be_removed(client, fly_tip_form):
    _to_step_3(client, fly_tip_form)
    client.post("/forms/report-a-fly-tip/step/3/", {"q-photo": [upload("a.jpg", photo_with_location())]})
    page = client.get("/forms/report-a-fly-tip/step/3/").content.decode()
    import re

    action = re.search(r'value="(remove:photo:[^"]+)"', page)[1]
    page = client.post("/forms/report-a-fly-tip/step/3/", {"action": action}).content.decode()
    assert "Uploaded file" not in page
