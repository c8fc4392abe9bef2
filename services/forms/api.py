"""The e-forms JSON API: fetch a form's definition and submit answers. Same
validation and the same ``case_create`` as the web steps; OpenAPI at
``/api/forms/openapi.json``."""

from __future__ import annotations

from typing import Any

from django.db import DatabaseError
from django.http import HttpRequest
from django.urls import reverse
from ninja import NinjaAPI, Schema, Status
from ninja.errors import HttpError
from pydantic import Field

from services.cases.models import Case
from services.cases.operations import ContactDetails, case_by_submission_key
from services.forms import antibot
from services.forms.forms import ContactForm
from services.forms.models import EForm
from services.forms.selectors import live_form
from services.forms.submission import answers_validate, submission_create

api = NinjaAPI(
    title="E-forms API",
    version="1.0.0",
    description="Read a form's questions and submit answers; each accepted submission becomes a case.",
    urls_namespace="forms-api",
    docs_url=None,
)


class QuestionOut(Schema):
    id: str
    type: str
    label: str
    hint: str
    required: bool
    options: list[str] | None = None
    max_length: int | None = None
    min_value: str | None = None
    max_value: str | None = None
    whole_number: bool | None = None
    allowed_dates: str | None = None
    text: str | None = None
    condition: dict | None = None


class StepOut(Schema):
    id: str
    number: int
    title: str
    questions: list[QuestionOut]


class FormOut(Schema):
    slug: str
    title: str
    revision_id: int | None
    is_open: bool
    allow_anonymous: bool
    contact_details: str
    steps: list[StepOut]


class ContactIn(Schema):
    name: str = Field("", max_length=200)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=40)


class SubmissionIn(Schema):
    submission_key: str = Field(..., min_length=8, max_length=64, description="Send the same key to retry safely.")
    answers: dict[str, Any] = Field(default_factory=dict, description="Answers keyed by question id.")
    contact: ContactIn | None = None


class SubmissionOut(Schema):
    reference: str
    tracking_url: str


class ProblemsOut(Schema):
    message: str
    errors: dict[str, str]


def _form(slug: str) -> EForm:
    form = live_form(slug)
    if form is None:
        raise HttpError(404, "No such form")
    return form


@api.get("/{slug}", response=FormOut, summary="A form's questions, steps and conditions")
def form_definition(request: HttpRequest, slug: str):
    form = _form(slug)
    return {
        "slug": form.slug,
        "title": form.title,
        "revision_id": form.live_revision_id,
        "is_open": form.is_open(),
        "allow_anonymous": form.allow_anonymous,
        "contact_details": form.contact_details if form.allow_anonymous else EForm.ContactDetails.REQUIRED,
        "steps": form.definition.to_json(),
    }


@api.post(
    "/{slug}/submissions",
    response={201: SubmissionOut, 200: SubmissionOut, 422: ProblemsOut, 409: ProblemsOut, 429: ProblemsOut},
    summary="Submit answers; the same submission_key always returns the same case",
)
def form_submit(request: HttpRequest, slug: str, payload: SubmissionIn):
    # A retry (same key) gets its case back straight away: it is not checked again, nor
    # counted against the rate limit, even if the form has closed since.
    existing = case_by_submission_key(f"api:{payload.submission_key}", fields=("reference", "tracking_token"))
    if existing is not None:
        return Status(200, _out(request, existing))
    form = _form(slug)
    if not form.is_open():
        return Status(409, {"message": form.closed_message or "This form is closed.", "errors": {}})
    contact = ContactDetails()
    errors: dict[str, str] = {}
    if form.asks_contact:
        contact_form = ContactForm((payload.contact or ContactIn()).dict(), required=form.contact_required)
        if contact_form.is_valid():
            contact = ContactDetails(**contact_form.cleaned_data)
        else:
            errors.update({f"contact.{field}": e[0] for field, e in contact_form.errors.items()})
    answers, problems = answers_validate(definition=form.definition, raw=payload.answers, context={"files": set()})
    errors.update({qid: error.message for qid, error in problems.errors.items()})
    if errors:
        return Status(422, {"message": "Some answers need correcting", "errors": errors})
    if not request.user.is_authenticated:
        try:
            antibot.check_rate_limit(client=antibot.client_address(request), email=contact.email)
        except antibot.Refused as refused:
            return Status(429, {"message": refused.message, "errors": {}})
    try:
        case = submission_create(
            form=form,
            definition=form.definition,
            revision_id=form.live_revision_id,
            answers=answers,
            contact=contact or None,
            file_ids=[],
            submission_key=f"api:{payload.submission_key}",
            channel=Case.Channel.API,
            submission_key_is_new=True,  # looked up above
        )
    except DatabaseError:
        raise HttpError(503, "Try again shortly") from None
    return Status(201 if case.was_created else 200, _out(request, case))


def _out(request, case: Case) -> dict:
    return {
        "reference": case.reference,
        "tracking_url": request.build_absolute_uri(reverse("cases:track", kwargs={"token": case.tracking_token})),
    }
