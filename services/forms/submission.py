"""From answers to a case. The web steps and the JSON API both validate through
here and create the case through ``services.cases.operations.case_create``."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.html import strip_tags

from services.cases.audit import audit_record
from services.cases.models import AuditEntry, Case, CaseFile
from services.cases.operations import CaseLocation, ContactDetails, case_create, case_note_add
from services.forms.conditions import is_visible, prune_hidden, visible_questions
from services.forms.definition import FormDefinition, Question, Step
from services.forms.validation import AnswerError, validate_answer


@dataclass
class Problems:
    """Errors keyed by question id, in form order."""

    errors: dict[str, AnswerError] = field(default_factory=dict)

    def __bool__(self):
        return bool(self.errors)


def step_validate(
    *, definition: FormDefinition, step: Step, raw: dict, answers: dict, context: dict | None = None
) -> tuple[dict, Problems]:
    """Validate one step's raw answers against the answers given so far. Questions are
    checked in order, so a condition inside the step sees the answer above it."""
    known = dict(answers)
    clean: dict = {}
    problems = Problems()
    for question in step.questions:
        if not question.asks:
            continue
        known.pop(question.id, None)
        if not is_visible(question, known, definition):
            continue
        try:
            value = validate_answer(question, raw.get(question.id), context=context)
        except AnswerError as error:
            problems.errors[question.id] = error
            continue
        if value is not None:
            clean[question.id] = value
            known[question.id] = value
    return clean, problems


def answers_validate(*, definition: FormDefinition, raw: dict, context: dict | None = None) -> tuple[dict, Problems]:
    """Validate a whole submission: every question that is asked, given the answers,
    and nothing else. Hidden or unknown answers are dropped, whatever was sent."""
    answers: dict = {}
    problems = Problems()
    for question in definition.questions:
        if not question.asks or not is_visible(question, answers, definition):
            continue
        try:
            value = validate_answer(question, raw.get(question.id), context=context)
        except AnswerError as error:
            problems.errors[question.id] = error
            continue
        if value is not None:
            answers[question.id] = value
    return answers, problems


def first_step_with_problem(definition: FormDefinition, problems: Problems) -> Step | None:
    for step in definition.steps:
        if any(question.id in problems.errors for question in step.questions):
            return step
    return None


def answer_display(question: Question, value, files: dict | None = None) -> str:
    """The answer as the resident and staff read it."""
    if value in (None, "", []):
        return "Not answered"
    if question.type == "date":
        parsed = parse_date(value)
        return date_format(parsed, "j F Y") if parsed else str(value)
    if question.type == "checkboxes":
        return ", ".join(value)
    if question.type == "address":
        return value.get("single_line", "")
    if question.type == "location":
        parts = [value.get("description", "")]
        if value.get("latitude"):
            parts.append(f"(map point {value['latitude']}, {value['longitude']})")
        return " ".join(part for part in parts if part)
    if question.type == "file_upload":
        files = files or {}
        return ", ".join(files.get(file_id, "a file") for file_id in value)
    if question.type == "declaration":
        return "Confirmed"
    return str(value)


def answer_summary(definition: FormDefinition, answers: dict, files: dict | None = None) -> list[dict]:
    return [
        {"question_id": q.id, "label": q.label, "answer": answer_display(q, answers[q.id], files)}
        for q in definition.questions
        if q.asks and q.id in answers
    ]


def _location_from(definition: FormDefinition, answers: dict) -> CaseLocation | None:
    location = address = None
    for question in definition.questions:
        value = answers.get(question.id)
        if not value:
            continue
        if question.type == "location" and location is None:
            location = value
        if question.type == "address" and address is None:
            address = value
    if location is None and address is None:
        return None
    return CaseLocation(
        latitude=(location or {}).get("latitude") or None,
        longitude=(location or {}).get("longitude") or None,
        description=(location or {}).get("description", ""),
        uprn=(address or {}).get("uprn", ""),
        address=(address or {}).get("single_line", ""),
    )


def submission_create(
    *,
    form,
    definition: FormDefinition,
    revision_id: int | None,
    answers: dict,
    contact: ContactDetails | None,
    file_ids: list[str],
    submission_key: str | None,
    channel: str = Case.Channel.WEB,
    customer=None,
    submission_key_is_new: bool = False,
) -> Case:
    """Make the case for answers already validated against ``definition`` (for an
    existing ``customer`` when staff chose one). ``submission_key_is_new``: the caller
    has just looked the key up and found no case."""
    answers = prune_hidden(definition, answers)
    wanted = {file_id for q in definition.questions if q.type == "file_upload" for file_id in answers.get(q.id, [])}
    names = {}
    if wanted:
        rows = CaseFile.objects.filter(pk__in=[f for f in file_ids if f in wanted]).values_list("pk", "original_name")
        names = {str(key): value for key, value in rows}
    return case_create(
        case_type=form.case_type,
        answers=answers,
        channel=channel,
        answer_summary=answer_summary(definition, answers, names),
        contact=contact,
        location=_location_from(definition, answers),
        file_ids=list(names),
        submission_key=submission_key,
        submission_key_is_new=submission_key_is_new,
        form_key=form.slug,
        form_revision_id=revision_id,
        confirmation_text=strip_tags(form.confirmation_email_text or ""),
        customer=customer,
    )


def submission_create_for_caller(
    *,
    user,
    form,
    definition: FormDefinition,
    answers: dict,
    contact: ContactDetails | None,
    file_ids: list[str],
    submission_key: str | None,
    channel: str,
    customer=None,
) -> Case:
    """A form completed by staff for a caller (assisted digital): the case as any
    submission makes it, then, the first time only, an audit entry naming the member of
    staff and a private note saying how the caller reached us."""
    case = submission_create(
        form=form,
        definition=definition,
        revision_id=form.live_revision_id,
        answers=answers,
        contact=contact,
        file_ids=file_ids,
        submission_key=submission_key,
        channel=channel,
        customer=customer,
    )
    if case.was_created:
        how = case.get_channel_display().lower()
        audit_record(user=user, action=AuditEntry.Action.CASE_CREATED, case=case, detail=f"{form.title}, by {how}")
        case_note_add(case=case, user=user, text=f"Completed by staff for the caller ({how}).", public=False)
    return case


__all__ = [
    "Problems",
    "answer_display",
    "answer_summary",
    "answers_validate",
    "first_step_with_problem",
    "step_validate",
    "submission_create",
    "visible_questions",
]
