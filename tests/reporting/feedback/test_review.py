"""The comms team's review: filters, triage (one and in bulk), passing to the page
owner, CSV export, summaries, and turning feedback into a case."""

import sys
import types
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from reporting.feedback.models import Answer, FeedbackResponse, Status
from reporting.feedback.selectors import feedback_page_summary, feedback_site_overview
from tests.reporting.feedback.conftest import sign_in

pytestmark = pytest.mark.django_db


def _listing(client, query=""):
    return client.get(f"/admin/page-feedback/{query}").content.decode()


def test_filters_narrow_the_list(client, comms_user, owner_user, feedback):
    sign_in(client, comms_user)
    parking = Page.objects.get(slug="parking")
    assert "Permit prices missing" in _listing(client, "?answer=no")
    assert "My bin was not collected" not in _listing(client, "?answer=no")
    assert "My bin was not collected" in _listing(client, "?has_comment=true&answer=problem")
    by_owner = _listing(client, f"?page_owner={owner_user.pk}")
    assert "Permit prices missing" in by_owner and "My bin was not collected" not in by_owner
    section = _listing(client, f"?section={parking.pk}")
    assert "Permit prices missing" in section and "My bin was not collected" not in section
    today = timezone.localdate()
    recent = _listing(
        client,
        f"?created_at_from={(today - timedelta(days=5)).isoformat()}&created_at_to={today.isoformat()}",
    )
    assert "My bin was not collected" in recent
    old = _listing(client, f"?created_at_to={(today - timedelta(days=10)).isoformat()}")
    assert "My bin was not collected" not in old and "Council tax" in old
    FeedbackResponse.objects.filter(pk=feedback["tax_problem"].pk).update(status=Status.SPAM)
    assert "My bin was not collected" in _listing(client, "?status=spam")
    assert "Permit prices missing" not in _listing(client, "?status=spam")


def test_bulk_actions_set_the_triage_status(client, comms_user, feedback):
    sign_in(client, comms_user)
    ids = [feedback["parking_no"].pk, feedback["tax_problem"].pk]
    query = "&".join(f"id={pk}" for pk in ids)
    confirm = client.get(f"/admin/bulk/feedback/feedbackresponse/mark-no-action/?{query}")
    assert confirm.status_code == 200 and "No action needed for 2 responses?" in confirm.content.decode()
    response = client.post(f"/admin/bulk/feedback/feedbackresponse/mark-no-action/?{query}&next=/admin/page-feedback/")
    assert response.status_code == 302
    assert set(FeedbackResponse.objects.filter(pk__in=ids).values_list("status", flat=True)) == {Status.NO_ACTION}
    assert FeedbackResponse.objects.get(pk=feedback["parking_yes"].pk).status == Status.NEW


def test_passing_to_the_page_owner_assigns_it_and_the_owner_sees_it(client, comms_user, owner_user, feedback):
    sign_in(client, comms_user)
    ids = [feedback["parking_no"].pk, feedback["tax_problem"].pk]
    query = "&".join(f"id={pk}" for pk in ids)
    client.post(f"/admin/bulk/feedback/feedbackresponse/mark-passed-to-owner/?{query}")
    parking_no = FeedbackResponse.objects.get(pk=feedback["parking_no"].pk)
    assert (parking_no.status, parking_no.assigned_to) == (Status.PASSED_TO_OWNER, owner_user)
    # Council tax has no owner: left as it was.
    assert FeedbackResponse.objects.get(pk=feedback["tax_problem"].pk).status == Status.NEW


def test_owners_triage_their_own_feedback_but_cannot_pass_or_assign(client, owner_user, feedback):
    sign_in(client, owner_user)
    pk = feedback["parking_no"].pk
    edit = client.get(f"/admin/page-feedback/edit/{pk}/").content.decode()
    assert "Permit prices missing" in edit
    assert 'name="assigned_to"' not in edit
    response = client.post(f"/admin/page-feedback/edit/{pk}/", {"status": Status.ACTIONED})
    assert response.status_code == 302
    assert FeedbackResponse.objects.get(pk=pk).status == Status.ACTIONED
    client.post(f"/admin/bulk/feedback/feedbackresponse/mark-passed-to-owner/?id={pk}")
    assert FeedbackResponse.objects.get(pk=pk).status == Status.ACTIONED
    # Someone else's feedback cannot be touched in bulk either.
    other = feedback["tax_problem"].pk
    client.post(f"/admin/bulk/feedback/feedbackresponse/mark-spam/?id={other}")
    assert FeedbackResponse.objects.get(pk=other).status == Status.NEW


def test_csv_export_follows_the_filters_and_disarms_formulas(client, comms_user, feedback):
    FeedbackResponse.objects.filter(pk=feedback["tax_problem"].pk).update(went_wrong='=HYPERLINK("http://x")')
    sign_in(client, comms_user)
    response = client.get("/admin/page-feedback/?export=csv&answer=problem")
    assert response["Content-Disposition"] == 'attachment; filename="page-feedback.csv"'
    text = b"".join(response.streaming_content).decode()
    lines = text.strip().splitlines()
    assert lines[0].startswith("Received,Page,Path,Page revision,Answer,What they were trying to do,What went wrong")
    assert len(lines) == 2
    assert "'=HYPERLINK" in text and "Council tax" in text


def test_page_summary_counts_week_by_week_and_leaves_out_spam(feedback):
    parking = Page.objects.get(slug="parking")
    summary = feedback_page_summary(page=parking)
    assert (summary.yes, summary.no, summary.problem, summary.percent_useful) == (1, 1, 0, 50)
    assert summary.weeks[0].total == 2 and len(summary.weeks) == 8
    FeedbackResponse.objects.filter(pk=feedback["parking_no"].pk).update(status=Status.SPAM)
    assert feedback_page_summary(page=parking).percent_useful == 100


def test_site_overview_finds_least_useful_pages_and_biggest_changes(comms_user, demo_pages):
    now = timezone.now()
    pages = {slug: Page.objects.get(slug=slug) for slug in ["parking", "council-tax"]}

    def answers(page, yes, no, days):
        for i in range(yes + no):
            FeedbackResponse.objects.create(
                page=page,
                path=page.url,
                answer=Answer.YES if i < yes else Answer.NO,
                created_at=now - timedelta(days=days, hours=i),
            )

    answers(pages["parking"], 1, 4, days=1)  # 20% this week
    answers(pages["parking"], 4, 1, days=8)  # 80% last week
    answers(pages["council-tax"], 3, 2, days=1)
    answers(pages["council-tax"], 3, 2, days=8)
    overview = feedback_site_overview(user=comms_user)
    assert [s.title for s in overview.least_useful] == ["Parking", "Council tax"]
    assert overview.least_useful[0].percent_useful == 50
    assert [(s.title, s.change) for s in overview.biggest_changes] == [("Parking", -60)]


@dataclass
class _Case:
    reference: str


def test_turn_into_a_case_is_offered_only_when_the_cases_app_provides_it(client, comms_user, feedback):
    sign_in(client, comms_user)
    pk = feedback["tax_problem"].pk
    assert "Turn into a case" not in client.get(f"/admin/page-feedback/edit/{pk}/").content.decode()
    response = client.post(f"/admin/page-feedback/case/{pk}/", follow=True)
    assert "Cases cannot be created yet" in response.content.decode()
    assert FeedbackResponse.objects.get(pk=pk).case_reference == ""


def test_turn_into_a_case_calls_the_cases_operation_once(client, comms_user, feedback, monkeypatch):
    """The contract with services.cases (built on another branch): a stand-in module
    with the agreed function, registered as an installed app's operations."""
    from django.apps import apps

    calls = []

    def case_create_from_feedback(**kwargs):
        calls.append(kwargs)
        return _Case(reference=f"CASE-{len(calls):04d}")

    module = types.ModuleType("services.cases.operations")
    module.case_create_from_feedback = case_create_from_feedback
    monkeypatch.setitem(sys.modules, "services.cases", types.ModuleType("services.cases"))
    monkeypatch.setitem(sys.modules, "services.cases.operations", module)
    real_is_installed = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda name: name == "services.cases" or real_is_installed(name))

    sign_in(client, comms_user)
    pk = feedback["tax_problem"].pk
    assert "Turn into a case" in client.get(f"/admin/page-feedback/edit/{pk}/").content.decode()
    response = client.post(f"/admin/page-feedback/case/{pk}/", follow=True)
    assert "Case CASE-0001 created from this feedback." in response.content.decode()
    client.post(f"/admin/page-feedback/case/{pk}/")
    assert len(calls) == 1
    call = calls[0]
    assert call["details"] == "What went wrong: My bin was not collected"
    assert call["page_title"] == "Council tax" and call["page_url"].endswith("/council-tax/")
    assert call["feedback_reference"] == f"feedback-{pk}" and call["created_by"] == comms_user
    stored = FeedbackResponse.objects.get(pk=pk)
    assert (stored.case_reference, stored.status) == ("CASE-0001", Status.ACTIONED)


def test_demo_loader_is_deterministic_and_idempotent(demo_pages):
    import io

    from django.core.management.color import no_style

    from reporting.feedback import demo

    demo.load(stdout=io.StringIO(), style=no_style())
    first = list(FeedbackResponse.objects.order_by("pk").values_list("path", "answer", "went_wrong"))
    assert 300 <= len(first) <= 400
    assert not any("@" in row[2] or "07700" in row[2] for row in first)
    demo.load(stdout=io.StringIO(), style=no_style())
    assert FeedbackResponse.objects.count() == len(first)
    FeedbackResponse.objects.all().delete()
    demo.load(stdout=io.StringIO(), style=no_style())
    assert list(FeedbackResponse.objects.order_by("pk").values_list("path", "answer", "went_wrong")) == first
