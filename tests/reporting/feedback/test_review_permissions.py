"""Only the comms team and page owners see feedback, on every screen: list, triage,
export, bulk actions, summaries and the page editor's side panel."""

import pytest
from django.contrib.auth.models import Group, Permission

from reporting.feedback.models import FeedbackResponse, Status
from tests.reporting.feedback.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_the_comms_team_group_is_made_by_a_migration_with_the_right_permissions():
    group = Group.objects.get(name="Comms team")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "view_feedbackresponse", "change_feedbackresponse"} <= codenames
    feedback_permissions = Permission.objects.filter(group=group, content_type__app_label="feedback")
    assert set(feedback_permissions.values_list("codename", flat=True)) == {
        "view_feedbackresponse",
        "change_feedbackresponse",
    }
    # The group edits no pages: it reviews feedback only.
    assert not group.page_permissions.exists()


def test_comms_team_sees_all_feedback_and_the_menu(client, comms_user, feedback):
    sign_in(client, comms_user)
    html = client.get("/admin/page-feedback/").content.decode()
    assert "Permit prices missing" in html
    assert "My bin was not collected" in html
    assert "Page feedback" in client.get("/admin/").content.decode()
    assert client.get("/admin/page-feedback/overview/").status_code == 200
    assert client.get(f"/admin/page-feedback/page/{feedback['tax_problem'].page_id}/").status_code == 200


def test_a_page_owner_sees_only_feedback_on_their_pages(client, owner_user, feedback):
    sign_in(client, owner_user)
    html = client.get("/admin/page-feedback/").content.decode()
    assert "Permit prices missing" in html
    assert "My bin was not collected" not in html
    assert client.get(f"/admin/page-feedback/edit/{feedback['parking_no'].pk}/").status_code == 200
    assert client.get(f"/admin/page-feedback/edit/{feedback['tax_problem'].pk}/").status_code == 404
    assert client.get(f"/admin/page-feedback/page/{feedback['tax_problem'].page_id}/").status_code == 404
    export = b"".join(client.get("/admin/page-feedback/?export=csv").streaming_content).decode()
    assert "Permit prices missing" in export and "My bin was not collected" not in export
    overview = client.get("/admin/page-feedback/overview/").content.decode()
    assert "Council tax" not in overview


def test_other_staff_see_no_feedback_anywhere(client, editor_user, feedback):
    sign_in(client, editor_user)
    assert "Page feedback" not in client.get("/admin/").content.decode()
    for url in [
        "/admin/page-feedback/",
        "/admin/page-feedback/?export=csv",
        "/admin/page-feedback/overview/",
        f"/admin/page-feedback/edit/{feedback['parking_no'].pk}/",
        f"/admin/page-feedback/case/{feedback['tax_problem'].pk}/",
    ]:
        response = client.get(url)
        assert response.status_code in {302, 403, 404}, url
        assert b"Permit prices missing" not in response.content
    assert client.get(f"/admin/page-feedback/page/{feedback['parking_no'].page_id}/").status_code == 404
    response = client.post(f"/admin/bulk/feedback/feedbackresponse/mark-spam/?id={feedback['parking_no'].pk}", {})
    assert response.status_code in {302, 403}
    assert FeedbackResponse.objects.get(pk=feedback["parking_no"].pk).status == Status.NEW


def test_the_page_editor_side_panel_shows_the_summary_to_the_owner_only(client, owner_user, editor_user, feedback):
    page_id = feedback["parking_no"].page_id
    sign_in(client, owner_user)
    html = client.get(f"/admin/pages/{page_id}/edit/").content.decode()
    assert "data-page-feedback-summary" in html
    assert "50% useful" in html and "2 responses" in html
    # Editors may edit the page, but do not see its feedback.
    page_editor = editor_user
    client.logout()
    sign_in(client, page_editor)
    response = client.get(f"/admin/pages/{page_id}/edit/")
    assert response.status_code == 200
    assert "data-page-feedback-summary" not in response.content.decode()
