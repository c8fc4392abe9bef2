"""Staff see cases read-only in the admin (working cases is a later issue)."""

import pytest

from services.cases.models import CaseType
from services.cases.operations import case_create
from services.staff.operations import current_totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified_client(client, staff_user):
    client.force_login(staff_user)
    client.post("/admin/2fa/", {"code": current_totp_code(staff_user.totp_device)})
    return client


def test_staff_find_cases_in_the_team_queue_and_read_the_answers(verified_client):
    case_type = CaseType.objects.create(name="Missed bin", sla_working_days=3)
    case = case_create(
        case_type=case_type,
        answers={"a": "Recycling"},
        answer_summary=[{"question_id": "a", "label": "Which bin?", "answer": "Recycling"}],
    )
    listing = verified_client.get("/admin/casework/team/")
    assert listing.status_code == 200 and case.reference in listing.content.decode()
    detail = verified_client.get(f"/admin/casework/{case.pk}/").content.decode()
    assert "Which bin?" in detail and "Recycling" in detail


def test_editors_find_e_forms_in_the_admin(verified_client):
    from tests.services.forms.conftest import make_form

    make_form()
    response = verified_client.get("/admin/snippets/forms/eform/")
    assert response.status_code == 200 and "Report a fly-tip" in response.content.decode()


def test_the_form_builder_opens_for_editors(verified_client):
    from tests.services.forms.conftest import make_form

    response = verified_client.get("/admin/snippets/forms/eform/add/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Short text" in html and "File or photo upload" in html and "Only show when" in html
    form = make_form()
    assert verified_client.get(f"/admin/snippets/forms/eform/edit/{form.pk}/").status_code == 200
