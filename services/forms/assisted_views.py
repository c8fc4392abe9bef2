"""Assisted digital: contact-centre staff complete a public e-form for a caller, on one
page in the case-work admin, through the same validation, uploads and ``case_create``
as the public form. It lives with the forms (forms may use cases, never the reverse);
its pages sit beside case work at /admin/casework/assisted/."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.core import signing
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render

from services.cases import selectors
from services.cases.models import Case
from services.cases.operations import ContactDetails
from services.forms.forms import CallerContactForm
from services.forms.models import EForm
from services.forms.submission import answers_validate, submission_create_for_caller
from services.forms.uploads import uploads_for_question
from services.forms.validation import AnswerError
from services.forms.views import raw_from_post


def _assisted_forms_for(user):
    return EForm.objects.filter(live=True, case_type__in=selectors.case_types_creatable_by(user)).order_by("title")


def assisted_forms(request):
    forms = _assisted_forms_for(request.user)
    return render(
        request,
        "cases/casework/assisted_forms.html",
        {"title": "Complete a form for a caller", "forms": forms},
    )


ASSISTED_CHANNELS = [
    (Case.Channel.PHONE, "Phone"),
    (Case.Channel.FACE_TO_FACE, "Face to face"),
    (Case.Channel.EMAIL, "Email"),
    (Case.Channel.POST, "Post"),
]


ASSISTED_FILES_SALT = "casework.assisted-files"

CALLER_CONTACT_FIELDS = [("name", "Name", "text"), ("email", "Email", "email"), ("phone", "Phone", "tel")]


def _assisted_uploads(request, questions) -> tuple[dict[str, list[str]], dict[str, str], dict]:
    """Files staff attach for the caller: kept from earlier attempts (a signed list, so
    nobody can claim someone else's upload by its id) plus new ones, each checked and
    stored by the same function as the public form. Returns the ids per question,
    their names, and errors per question."""
    try:
        kept = signing.loads(request.POST.get("files", ""), salt=ASSISTED_FILES_SALT) or {}
    except signing.BadSignature:
        kept = {}
    by_question: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    errors: dict = {}
    for question in questions:
        ids = [pair for pair in kept.get(question.id, []) if isinstance(pair, list) and len(pair) == 2]
        stored, refused = uploads_for_question(
            question=question, uploaded_files=request.FILES.getlist(f"q-{question.id}"), already=len(ids)
        )
        ids.extend([str(file.pk), file.original_name] for file in stored)
        if refused:
            errors[question.id] = AnswerError(refused)
        by_question[question.id] = [file_id for file_id, _ in ids]
        names.update(dict(ids))
    return by_question, names, errors


def _signed_uploads(by_question: dict[str, list[str]], names: dict[str, str]) -> str:
    return signing.dumps(
        {qid: [[file_id, names[file_id]] for file_id in ids] for qid, ids in by_question.items() if ids},
        salt=ASSISTED_FILES_SALT,
    )


def assisted_form(request, slug):
    """The whole public form on one page, validated and submitted through the forms
    app's own functions (uploads included), with the channel and the customer staff
    chose or created."""
    form = get_object_or_404(_assisted_forms_for(request.user), slug=slug)
    definition = form.definition
    questions = list(definition.questions)
    upload_questions = [q for q in questions if q.type == "file_upload"]
    errors, values, page_errors = {}, {}, []
    uploads, upload_names = {}, {}
    customer_choice = request.POST.get("customer", "") if request.method == "POST" else request.GET.get("customer", "")
    customers = selectors.customers_visible_to(request.user)
    chosen = customers.filter(pk=int(customer_choice)).first() if customer_choice.isdigit() else None
    if request.method == "POST":
        uploads, upload_names, upload_errors = _assisted_uploads(request, upload_questions)
        action = request.POST.get("action", "")
        removing = action.startswith("remove:")
        if removing:
            _, qid, file_id = (action.split(":", 2) + ["", ""])[:3]
            uploads[qid] = [f for f in uploads.get(qid, []) if f != file_id]
        raw = {q.id: raw_from_post(q, request.POST) for q in questions if q.asks and q.type != "file_upload"}
        raw.update(uploads)
        values = dict(raw)
        answers, problems = answers_validate(definition=definition, raw=raw, context={"files": set(upload_names)})
        errors = {**problems.errors, **upload_errors}
        channel = request.POST.get("channel", "")
        if channel not in dict(ASSISTED_CHANNELS):
            page_errors.append(("channel", "Choose how the caller contacted us"))
        if chosen is not None:
            contact = ContactDetails(name=chosen.name, email=chosen.email, phone=chosen.phone)
        else:
            contact, contact_errors = _caller_contact(request.POST, required=form.contact_required)
            page_errors.extend(contact_errors.items())
        if removing:
            errors, page_errors = {}, []
        elif not errors and not page_errors:
            case = submission_create_for_caller(
                user=request.user,
                form=form,
                definition=definition,
                answers=answers,
                contact=contact or None,
                file_ids=list(upload_names),
                submission_key=request.POST.get("key") or None,
                channel=channel,
                customer=chosen,
            )
            messages.success(request, f"Case {case.reference} created.")
            if selectors.possible_duplicates(case=case, user=request.user):
                messages.warning(request, "This looks like a case already reported: see possible duplicates below.")
            return redirect("casework:case", pk=case.pk)

    field_errors = dict(page_errors)
    return render(
        request,
        "cases/casework/assisted_form.html",
        {
            "title": f"{form.title}: for a caller",
            "form": form,
            "questions": [
                {
                    "q": q,
                    "value": values.get(q.id),
                    "error": errors.get(q.id),
                    "lookup": None,
                    "files": [(f, upload_names.get(f, "file")) for f in uploads.get(q.id, [])],
                }
                for q in questions
            ],
            "errors": [(f"q-{qid}", e.message) for qid, e in errors.items()] + page_errors,
            "contact_fields": [
                {
                    "name": name,
                    "label": label,
                    "type": kind,
                    "value": request.POST.get(name, ""),
                    "error": field_errors.get(name),
                }
                for name, label, kind in CALLER_CONTACT_FIELDS
            ],
            "channels": ASSISTED_CHANNELS,
            "chosen": chosen,
            "customer_matches": _customer_matches(request, customers),
            "post": request.POST if request.method == "POST" else {},
            "key": request.POST.get("key") or secrets.token_urlsafe(16),
            "multipart": bool(upload_questions),
            "kept_files": _signed_uploads(uploads, upload_names) if uploads else "",
        },
    )


def _caller_contact(data, *, required: bool) -> tuple[ContactDetails, dict[str, str]]:
    """A new caller's details (``CallerContactForm``) and their errors by field."""
    contact_form = CallerContactForm(data, contact_required=required)
    if not contact_form.is_valid():
        return ContactDetails(), {field: problems[0] for field, problems in contact_form.errors.items()}
    return ContactDetails(**contact_form.cleaned_data), {}


def _customer_matches(request, customers):
    text = request.GET.get("find", "").strip()[:100]
    if not text:
        return None
    return list(
        customers.filter(Q(name__icontains=text) | Q(email__iexact=text) | Q(phone__icontains=text)).order_by("name")[
            :20
        ]
    )
