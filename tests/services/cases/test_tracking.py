import pytest

from services.cases.models import CaseType
from services.cases.operations import case_create


@pytest.fixture
def case(db):
    case_type = CaseType.objects.create(name="Fly-tipping", sla_working_days=5)
    return case_create(case_type=case_type, answers={"secret": "My neighbour at number 4"})


def test_the_private_link_shows_status_but_not_answers(client, case):
    response = client.get(f"/track/{case.tracking_token}/")
    assert response.status_code == 200
    assert case.reference in response.content.decode()
    assert "number 4" not in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"


def test_a_wrong_token_is_not_found(client, case):
    assert client.get("/track/not-the-token/").status_code == 404
