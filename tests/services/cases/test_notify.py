"""The GOV.UK Notify email backend against a local HTTP server that speaks Notify's
published v2 API: JWT bearer authentication, the email endpoint's JSON body, its 201
answer and its error bodies."""

import base64
import hashlib
import hmac
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from services.cases.models import CaseEvent, Outbox
from services.cases.operations import ContactDetails, case_create, case_note_add

pytestmark = pytest.mark.django_db

SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
API_KEY = f"council_live-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = str(uuid.uuid4())


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class FakeNotify(BaseHTTPRequestHandler):
    """Checks each request as Notify does, and answers as its documentation shows."""

    received: list = []
    answer = 201

    def log_message(self, *args):
        pass

    def _reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        header, claims, signature = token.split(".")
        expected = hmac.new(SECRET.encode(), f"{header}.{claims}".encode(), hashlib.sha256).digest()
        claims = json.loads(_unb64(claims))
        if (
            not hmac.compare_digest(_unb64(signature), expected)
            or json.loads(_unb64(header)) != {"typ": "JWT", "alg": "HS256"}
            or claims["iss"] != SERVICE_ID
            or abs(claims["iat"] - time.time()) > 30
        ):
            return self._reply(
                403, {"status_code": 403, "errors": [{"error": "AuthError", "message": "Invalid token"}]}
            )
        if self.path != "/v2/notifications/email":
            return self._reply(404, {"status_code": 404, "errors": [{"error": "NotFound", "message": "Not found"}]})
        FakeNotify.received.append(body)
        if FakeNotify.answer == 400:
            error = {"error": "ValidationError", "message": "email_address Not a valid email address"}
            return self._reply(400, {"status_code": 400, "errors": [error]})
        if FakeNotify.answer == 500:
            return self._reply(500, {"status_code": 500, "errors": [{"error": "Exception", "message": "Internal"}]})
        personalisation = body["personalisation"]
        return self._reply(
            201,
            {
                "id": str(uuid.uuid4()),
                "reference": body.get("reference"),
                "content": {"subject": personalisation["subject"], "body": personalisation["body"],
                            "from_email": "council@notifications.service.gov.uk"},
                "uri": "https://api.notifications.service.gov.uk/v2/notifications/x",
                "template": {"id": body["template_id"], "version": 1, "uri": "https://example"},
            },
        )  # fmt: skip


@pytest.fixture
def notify(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNotify)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeNotify.received, FakeNotify.answer = [], 201
    settings.EMAIL_BACKEND = "services.cases.notify.NotifyEmailBackend"
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_EMAIL_TEMPLATE_ID = TEMPLATE_ID
    settings.NOTIFY_BASE_URL = f"http://127.0.0.1:{server.server_port}"
    yield FakeNotify
    server.shutdown()
    server.server_close()


def _case(world):
    return case_create(
        case_type=world["bins"], answers={"which": "Recycling"}, contact=ContactDetails(name="Ada", email="ada@ex.com")
    )


def test_case_emails_go_through_notify_once_with_the_outbox_event_as_reference(
    world, notify, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = _case(world)
        case_note_add(case=case, user=world["member"], text="Crew booked", public=True)
    assert len(notify.received) == 2
    first, second = notify.received
    assert first["email_address"] == "ada@ex.com" and first["template_id"] == TEMPLATE_ID
    assert case.reference in first["personalisation"]["subject"]
    assert "Crew booked" in second["personalisation"]["body"]
    rows = list(case.outbox.filter(kind=Outbox.Kind.EMAIL).order_by("pk"))
    assert [body["reference"] for body in notify.received] == [str(row.event_id) for row in rows]
    assert all(row.state == Outbox.State.SENT for row in rows)
    assert case.events.filter(kind=CaseEvent.Kind.EMAIL, description__contains="was sent").count() == 2


def test_a_server_error_is_retried_and_a_refusal_gives_up_at_once(world, notify, django_capture_on_commit_callbacks):
    notify.answer = 500
    with django_capture_on_commit_callbacks(execute=True):
        case = _case(world)
    row = case.outbox.get(kind=Outbox.Kind.EMAIL)
    assert row.state == Outbox.State.FAILED and "500" in row.last_error and "Exception" in row.last_error

    notify.answer = 400
    with django_capture_on_commit_callbacks(execute=True):
        case_note_add(case=case, user=world["member"], text="Update", public=True)
    refused = case.outbox.get(topic="case.status_email")
    assert refused.state == Outbox.State.DEAD and refused.attempts == 1 and "ValidationError" in refused.last_error
    assert "ada@ex.com" not in refused.last_error
    assert case.events.filter(description__startswith="The customer could not be reached").exists()


def test_a_wrong_key_is_refused_by_notify_and_not_retried(world, notify, settings, django_capture_on_commit_callbacks):
    settings.NOTIFY_API_KEY = f"council_live-{SERVICE_ID}-{uuid.uuid4()}"
    with django_capture_on_commit_callbacks(execute=True):
        case = _case(world)
    row = case.outbox.get(kind=Outbox.Kind.EMAIL)
    assert row.state == Outbox.State.DEAD and "AuthError" in row.last_error and notify.received == []
