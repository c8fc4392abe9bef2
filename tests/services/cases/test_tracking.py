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


def test_times_are_written_as_gov_uk_writes_them(client, case):
    """9:12am in the council's time zone, never Django's "9:12a.m."; midday is midday."""
    from datetime import UTC, datetime

    from services.cases.models import CaseEvent

    case.events.all().delete()
    for when, text in (
        (datetime(2026, 7, 1, 8, 12, tzinfo=UTC), "Summer morning"),  # 9:12am in London (BST)
        (datetime(2026, 11, 23, 14, 30, tzinfo=UTC), "Winter afternoon"),
        (datetime(2026, 11, 24, 12, 0, tzinfo=UTC), "Lunchtime"),
    ):
        CaseEvent.objects.create(case=case, kind="status", description=text, public=True, created_at=when)
    page = client.get(f"/track/{case.tracking_token}/").content.decode()
    assert "1 July 2026, 9:12am</strong>: Summer morning" in page
    assert "23 November 2026, 2:30pm</strong>: Winter afternoon" in page
    assert "24 November 2026, midday</strong>: Lunchtime" in page
    assert "a.m." not in page and "p.m." not in page
