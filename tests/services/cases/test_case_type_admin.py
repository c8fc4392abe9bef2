"""Administrators configure case types, their workflows, resolution categories and
priority rules in the admin; new cases start at the workflow's first status."""

import pytest

from services.cases.models import CaseType, Team
from services.cases.operations import case_create
from tests.services.cases.conftest import verify

pytestmark = pytest.mark.django_db


def _formset(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        for key, value in {**row, "ORDER": str(number + 1), "id": "", "DELETE": ""}.items():
            data[f"{prefix}-{number}-{key}"] = value
    return data


def _post(client, statuses):
    team = Team.objects.get_or_create(name="Highways")[0]
    data = {"name": "Pothole", "team": team.pk, "sla_working_days": "5", "team_name": "Highways"}
    data |= {"duplicate_distance_m": "30", "duplicate_days": "7"}
    data |= _formset("statuses", statuses)
    data |= _formset("resolution_categories", [{"name": "Repaired"}])
    data |= _formset("priority_rules", [{"question_id": "depth", "answer": "Deep", "priority": "urgent"}])
    return client.post("/admin/case-types/new/", data)


def test_an_administrator_sets_up_a_case_type_with_its_workflow(client, staff_user):
    verify(client, staff_user)
    assert client.get("/admin/case-types/new/").status_code == 200
    response = _post(
        client,
        [
            {
                "slug": "reported",
                "name": "Reported",
                "public_label": "Received",
                "allowed_next": "fixed",
                "email_text": "",
            },
            {
                "slug": "fixed",
                "name": "Fixed",
                "public_label": "Fixed",
                "is_closed": "on",
                "email_text": "Fixed, thanks.",
            },
        ],
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    pothole = CaseType.objects.get(name="Pothole")
    assert [s.slug for s in pothole.statuses.all()] == ["reported", "fixed"]
    assert pothole.team.name == "Highways" and pothole.resolution_categories.get().name == "Repaired"
    case = case_create(case_type=pothole, answers={"depth": "Deep"})
    assert case.workflow_status.slug == "reported" and case.priority == "urgent"


def test_a_workflow_that_points_at_a_missing_status_is_refused(client, staff_user):
    verify(client, staff_user)
    response = _post(
        client,
        [{"slug": "reported", "name": "Reported", "public_label": "", "allowed_next": "mended", "is_closed": "on"}],
    )
    assert response.status_code == 200 and "unknown statuses: mended" in response.content.decode()
    assert not CaseType.objects.filter(name="Pothole").exists()
