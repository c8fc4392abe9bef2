"""Triage of page feedback: statuses, assignment, and turning feedback into a case.
Every screen (list, bulk actions, detail) calls these; each checks the access rule
in ``selectors.py`` itself."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from reporting.feedback.models import FeedbackResponse, Status
from reporting.feedback.selectors import CHANGE_PERMISSION, feedback_visible_to
from services.cases.operations import case_create_from_feedback

# What page owners may do with feedback on their pages; the comms team may also
# assign it and pass it to an owner.
OWNER_STATUSES = {Status.NEW, Status.ACTIONED, Status.NO_ACTION, Status.SPAM}


def _triageable(*, user, response_ids: Iterable[int]):
    """The responses among ``response_ids`` this person may triage, locked."""
    allowed = feedback_visible_to(user=user).filter(pk__in=list(response_ids)).values_list("pk", flat=True)
    return FeedbackResponse.objects.select_for_update(of=("self",)).filter(pk__in=list(allowed))


@transaction.atomic
def feedback_set_status(*, user, response_ids: Iterable[int], status: str) -> int:
    """Set the triage status of the responses this person may triage; returns how many
    changed. Passing to the page owner also assigns each response to its page's owner."""
    if status not in Status.values:
        raise ValueError(f"Unknown status {status!r}")
    if not user.has_perm(CHANGE_PERMISSION) and status not in OWNER_STATUSES:
        raise PermissionDenied
    if status == Status.PASSED_TO_OWNER:
        return feedback_pass_to_owner(user=user, response_ids=response_ids)
    return _triageable(user=user, response_ids=response_ids).update(status=status, status_changed_at=timezone.now())


@transaction.atomic
def feedback_pass_to_owner(*, user, response_ids: Iterable[int]) -> int:
    """Assign each response to the owner of its page; responses whose page has no
    owner (or no page) are left as they are."""
    if not user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    changed = 0
    for response in _triageable(user=user, response_ids=response_ids).select_related("page"):
        if response.page_id and response.page.owner_id:
            response.assigned_to_id = response.page.owner_id
            response.status = Status.PASSED_TO_OWNER
            response.status_changed_at = timezone.now()
            response.save(update_fields=["assigned_to", "status", "status_changed_at"])
            changed += 1
    return changed


@transaction.atomic
def feedback_assign(*, user, response_id: int, assignee) -> FeedbackResponse:
    if not user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    response = _triageable(user=user, response_ids=[response_id]).get()
    response.assigned_to = assignee
    response.save(update_fields=["assigned_to"])
    return response


@transaction.atomic
def feedback_turn_into_case(*, user, response_id: int, case_type, site_root_url: str = "") -> FeedbackResponse:
    """Turn feedback that is really a service request into a case of ``case_type``, once."""
    if not user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    response = _triageable(user=user, response_ids=[response_id]).get()
    if response.case_reference:
        return response
    title = response.page.title if response.page_id and response.page else response.path
    case = case_create_from_feedback(
        case_type=case_type,
        summary=f"Page feedback: {title}"[:200],
        details=response.comment,
        page_url=site_root_url + response.path,
        page_title=title,
        received_at=response.created_at,
        feedback_reference=f"feedback-{response.pk}",
        created_by=user,
    )
    response.case_reference = str(case.reference)
    response.status = Status.ACTIONED
    response.status_changed_at = timezone.now()
    response.save(update_fields=["case_reference", "status", "status_changed_at"])
    return response
