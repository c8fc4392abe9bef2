"""The comms team's review: filters, triage (one and in bulk), passing to the page
owner, CSV export, summaries, and turning feedback into a case."""

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


def test_turn_into_a_case_makes_one_anonymous_web_case_for_the_chosen_team(client, comms_user, feedback):
    from services.cases.models import Case, CaseEvent
    from tests.services.cases.conftest import make_case_type

    missed_bin = make_case_type("Missed bin")
    sign_in(client, comms_user)
    pk = feedback["tax_problem"].pk
    assert "Turn into a case" in client.get(f"/admin/page-feedback/edit/{pk}/").content.decode()
    confirm = client.get(f"/admin/page-feedback/case/{pk}/").content.decode()
    assert "Which service is this a request for?" in confirm and "Missed bin" in confirm

    # No type chosen: told what to do, nothing made.
    refused = client.post(f"/admin/page-feedback/case/{pk}/", {"case_type": ""})
    assert refused.status_code == 400
    assert "Choose the type of request this feedback is about." in refused.content.decode()
    assert Case.objects.count() == 0

    response = client.post(f"/admin/page-feedback/case/{pk}/", {"case_type": missed_bin.pk}, follow=True)
    case = Case.objects.get()
    assert f"Case {case.reference} created from this feedback." in response.content.decode()
    assert (case.case_type, case.channel, case.customer) == (missed_bin, Case.Channel.WEB, None)
    assert case.workflow_status.slug == "received" and case.sla_due is not None
    summary = {row["label"]: row["answer"] for row in case.answer_summary}
    assert summary["What they told us"] == "What went wrong: My bin was not collected"
    assert summary["Page"].startswith("Council tax (http") and summary["Page"].endswith("/council-tax/)")
    note = case.events.get(kind=CaseEvent.Kind.NOTE)
    assert not note.public and "Council tax" in note.description

    stored = FeedbackResponse.objects.get(pk=pk)
    assert (stored.case_reference, stored.status) == (case.reference, Status.ACTIONED)
    assert "Turn into a case" not in client.get(f"/admin/page-feedback/edit/{pk}/").content.decode()

    # A second post (double click, back button) makes no second case.
    client.post(f"/admin/page-feedback/case/{pk}/", {"case_type": missed_bin.pk})
    assert Case.objects.count() == 1


def test_the_case_operation_is_idempotent_on_the_feedback_reference(comms_user, feedback):
    from services.cases.models import Case
    from services.cases.operations import case_create_from_feedback
    from tests.services.cases.conftest import make_case_type

    arguments = {
        "case_type": make_case_type("Missed bin"),
        "summary": "Page feedback: Bins",
        "details": "Bin missed again",
        "page_url": "https://example.org/bins/",
        "page_title": "Bins",
        "received_at": timezone.now(),
        "feedback_reference": "feedback-99",
        "created_by": comms_user,
    }
    first = case_create_from_feedback(**arguments)
    second = case_create_from_feedback(**arguments)
    assert first.pk == second.pk and Case.objects.count() == 1
    assert first.events.count() == 2  # created, and the staff note saying where it came from


def test_staff_who_cannot_see_the_feedback_cannot_turn_it_into_a_case(client, editor_user, feedback):
    """An editor who does not own the Council tax page never sees its feedback."""
    from services.cases.models import Case
    from tests.services.cases.conftest import make_case_type

    missed_bin = make_case_type("Missed bin")
    sign_in(client, editor_user)
    response = client.post(f"/admin/page-feedback/case/{feedback['tax_problem'].pk}/", {"case_type": missed_bin.pk})
    assert response.status_code in (302, 403, 404)  # the admin redirects a refusal home
    assert Case.objects.count() == 0
    assert FeedbackResponse.objects.get(pk=feedback["tax_problem"].pk).case_reference == ""


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
