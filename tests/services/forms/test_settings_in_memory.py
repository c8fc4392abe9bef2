"""Forms and case type settings are kept in memory per process (config.memo),
yet an editor's change reaches the very next submission."""

from datetime import timedelta

import pytest
from django.utils import timezone

from config.memo import SharedVersionMemo
from services.cases.models import Case, PriorityRule, WorkflowStatus
from services.forms.models import EForm
from tests.services.forms.test_api import GOOD as ANSWERS

pytestmark = pytest.mark.django_db

URL = "/api/forms/report-a-fly-tip/submissions"


def submit(client, key):
    return client.post(URL, {"submission_key": key, "answers": ANSWERS}, content_type="application/json")


def publish_change(form: EForm, **changes) -> None:
    """What an editor does in the admin: edit, then publish a new revision."""
    form = EForm.objects.get(pk=form.pk)
    for name, value in changes.items():
        setattr(form, name, value)
    form.save_revision().publish()


def test_a_form_closed_by_an_editor_refuses_the_next_submission(client, fly_tip_form):
    assert submit(client, "memo-key-1").status_code == 201
    publish_change(fly_tip_form, closes_at=timezone.now() - timedelta(minutes=1), closed_message="Closed for winter.")
    response = submit(client, "memo-key-2")
    assert response.status_code == 409
    assert response.json()["message"] == "Closed for winter."


def test_a_reworded_question_shows_at_once(client, fly_tip_form):
    client.get("/api/forms/report-a-fly-tip")
    form = EForm.objects.get(pk=fly_tip_form.pk)
    form.questions[0].value["questions"][0].value["label"] = "What was dumped there?"
    form.save_revision().publish()
    data = client.get("/api/forms/report-a-fly-tip").json()
    assert data["steps"][0]["questions"][0]["label"] == "What was dumped there?"


def test_an_unpublished_form_is_gone_at_once(client, fly_tip_form):
    assert submit(client, "memo-key-3").status_code == 201
    EForm.objects.get(pk=fly_tip_form.pk).unpublish()
    assert submit(client, "memo-key-4").status_code == 404


def test_case_type_changes_reach_the_next_case(client, fly_tip_form):
    assert submit(client, "memo-key-5").status_code == 201
    first = Case.objects.get(submission_key="api:memo-key-5")
    assert first.priority == "normal"

    case_type = fly_tip_form.case_type
    PriorityRule.objects.create(case_type=case_type, question_id="what", answer="other", priority="urgent")
    WorkflowStatus.objects.create(case_type=case_type, sort_order=0, slug="triage", name="Triage")
    case_type.sla_working_days = 20
    case_type.save()

    assert submit(client, "memo-key-6").status_code == 201
    second = Case.objects.get(submission_key="api:memo-key-6")
    assert second.priority == "urgent"
    assert second.workflow_status.slug == "triage"
    assert second.sla_due > first.sla_due


def test_a_change_in_another_process_is_seen_through_the_shared_version():
    # Two memos with one name stand for the same memo in two processes.
    here = SharedVersionMemo("test-shared", check_seconds=0)
    there = SharedVersionMemo("test-shared", check_seconds=0)
    reads = []

    def read():
        reads.append(1)
        return len(reads)

    assert here.get("key", read) == 1
    assert here.get("key", read) == 1  # kept: not read again
    there.invalidate()  # a save in the other process
    assert here.get("key", read) == 2


def test_without_a_signal_nothing_is_kept_past_its_maximum_age():
    memo = SharedVersionMemo("test-age", check_seconds=0, max_age_seconds=0)
    values = iter(["first", "second"])
    assert memo.get("key", lambda: next(values)) == "first"
    assert memo.get("key", lambda: next(values)) == "second"


def test_other_processes_are_told_again_when_the_change_commits(django_capture_on_commit_callbacks):
    # A process that read the rows between the save and the commit kept them as they
    # were: the version changes once more at commit, so it reads them again.
    from django.core.cache import cache

    memo = SharedVersionMemo("test-commit")
    with django_capture_on_commit_callbacks(execute=True):
        memo.invalidate()
        at_save = cache.get(memo.version_key)
    assert at_save is not None
    assert cache.get(memo.version_key) != at_save


def test_made_up_form_names_are_not_kept_in_memory(client, fly_tip_form):
    from services.forms.selectors import _live_forms

    for number in range(20):
        assert client.get(f"/api/forms/no-such-form-{number}").status_code == 404
    client.get("/api/forms/report-a-fly-tip")
    assert list(_live_forms._values) == ["report-a-fly-tip"]
