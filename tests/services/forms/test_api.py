"""The JSON API validates exactly as the web steps do and calls the same case_create."""

import pytest

from services.cases.models import Case

pytestmark = pytest.mark.django_db

GOOD = {
    "what": "Other",
    "what-other": "A fridge",
    "bags": 1,
    "where": {"description": "Corner of Mill Lane", "latitude": "", "longitude": ""},
    "seen": "2025-05-01",
}


def test_definition_lists_steps_questions_and_conditions(client, fly_tip_form):
    data = client.get("/api/forms/report-a-fly-tip").json()
    assert data["revision_id"] == fly_tip_form.live_revision_id
    question = data["steps"][0]["questions"][1]
    assert question["id"] == "what-other"
    assert question["condition"] == {"question_id": "what", "values": ["Other"]}


def test_submission_makes_a_case_and_a_retry_returns_it(client, fly_tip_form):
    body = {"submission_key": "app-123456", "answers": GOOD}
    first = client.post("/api/forms/report-a-fly-tip/submissions", body, content_type="application/json")
    again = client.post("/api/forms/report-a-fly-tip/submissions", body, content_type="application/json")
    assert first.status_code == 201 and again.status_code == 200
    assert first.json()["reference"] == again.json()["reference"]
    case = Case.objects.get()
    assert case.channel == "api" and case.answers["what-other"] == "A fridge"
    assert first.json()["tracking_url"].endswith(f"/track/{case.tracking_token}/")


def test_invalid_answers_are_refused_with_the_same_messages(client, fly_tip_form):
    body = {"submission_key": "app-654321", "answers": {**GOOD, "what-other": "", "bags": "0", "photo": ["x"]}}
    response = client.post("/api/forms/report-a-fly-tip/submissions", body, content_type="application/json")
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors["what-other"] == "Enter an answer for ‘What else was dumped?’"
    assert "between 1 and 100" in errors["bags"]
    assert errors["photo"] == "Upload the file again"
    assert not Case.objects.exists()


@pytest.mark.parametrize("body", [{}, {"submission_key": "short"}, {"submission_key": "x" * 20, "answers": []}, "[1"])
def test_malformed_input_never_errors_the_server(client, fly_tip_form, body):
    response = client.post(
        "/api/forms/report-a-fly-tip/submissions",
        body if isinstance(body, str) else __import__("json").dumps(body),
        content_type="application/json",
    )
    assert 400 <= response.status_code < 500


def test_openapi_document_describes_the_api(client, fly_tip_form):
    paths = client.get("/api/forms/openapi.json").json()["paths"]
    assert "/api/forms/{slug}/submissions" in paths
