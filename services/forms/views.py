"""The public steps of an e-form: one question group per page, GOV.UK style, all
working without JavaScript. Views only move data between HTTP and the operations."""

from __future__ import annotations

import json

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail import hooks

from services.cases.operations import ContactDetails
from services.forms import antibot
from services.forms.conditions import (
    asked_question_ids,
    is_visible,
    prune_hidden,
    visible_questions,
    visible_steps,
)
from services.forms.forms import ContactForm
from services.forms.models import EForm
from services.forms.progress import (
    finished_get,
    progress_finish,
    progress_get,
    progress_save,
    progress_start,
)
from services.forms.selectors import form_at_revision, live_form
from services.forms.submission import answer_display, answers_validate, step_validate, submission_create
from services.forms.uploads import uploads_for_question
from services.forms.validation import AnswerError, normalise_postcode


def _live_form(slug: str) -> EForm:
    form = live_form(slug)
    if form is None:
        raise Http404("No such form")
    return form


def _closed(request, form):
    return render(request, "forms/closed.html", {"form": form}, status=200)


def _pinned(request, form):
    """The form as it was when the resident started, and their progress; None when
    they have not started (or the version they started has gone)."""
    progress = progress_get(request.session, form)
    if progress is None:
        return None, None
    pinned = form_at_revision(form, progress.get("revision"))
    if pinned is None:
        return None, None
    return pinned, progress


def _step_url(form, number, *, change=False, anchor=""):
    url = reverse("forms:step", kwargs={"slug": form.slug, "number": number})
    return url + ("?change=1" if change else "") + (f"#{anchor}" if anchor else "")


def _after_step(form, pinned, progress, number):
    steps = visible_steps(pinned.definition, progress["answers"])
    for step in steps:
        if step.number > number:
            return _step_url(form, step.number)
    if form.asks_contact and progress.get("contact") is None:
        return reverse("forms:contact", kwargs={"slug": form.slug})
    return reverse("forms:check", kwargs={"slug": form.slug})


def _anonymous(request) -> bool:
    return not request.user.is_authenticated


def _hook_initial(hook_name: str, request) -> dict:
    """Extension point: other apps (residents' accounts) offer initial values for a
    signed-in person through Wagtail hooks; the first non-empty answer wins."""
    if not request.user.is_authenticated:
        return {}
    for fn in hooks.get_hooks(hook_name):
        initial = fn(request)
        if initial:
            return initial
    return {}


def _save_for_later(request, form, progress) -> str | None:
    """Extension point: the ``eform_save_for_later`` hook keeps the progress somewhere
    and returns the URL to go to, or None when this person cannot save."""
    if not request.user.is_authenticated:
        return None
    for fn in hooks.get_hooks("eform_save_for_later"):
        url = fn(request, form, progress)
        if url:
            return url
    return None


def _refused(request, form, refused: antibot.Refused):
    return render(request, "forms/refused.html", {"form": form, "message": refused.message}, status=refused.status)


@never_cache
def start(request, slug):
    form = _live_form(slug)
    if not form.is_open():
        return _closed(request, form)
    pinned, progress = _pinned(request, form)
    if pinned is None:
        progress = progress_start(request.session, form)
        pinned = form
    steps = visible_steps(pinned.definition, progress["answers"])
    if not steps:
        raise Http404("This form has no questions yet.")
    return redirect(_step_url(form, steps[0].number))


def _widget_values(questions, answers) -> dict:
    """Stored answers in the shape the inputs need."""
    values = {}
    for question in questions:
        value = answers.get(question.id)
        if question.type == "date" and isinstance(value, str):
            year, month, day = value.split("-")
            value = {"day": str(int(day)), "month": str(int(month)), "year": year}
        values[question.id] = value
    return values


def raw_from_post(question, data) -> object:
    """The raw answer to a question from the posted inputs."""
    name = f"q-{question.id}"
    if question.type == "checkboxes":
        return data.getlist(name)
    if question.type == "date":
        return {part: data.get(f"{name}-{part}", "") for part in ("day", "month", "year")}
    if question.type == "address":
        raw = {part: data.get(f"{name}-{part}", "") for part in ("line_1", "line_2", "town", "postcode")}
        if data.get(f"{name}-mode") != "manual" and data.get(f"{name}-uprn"):
            raw = {"uprn": data.get(f"{name}-uprn")}
        return raw
    if question.type == "location":
        return {part: data.get(f"{name}-{part}", "") for part in ("latitude", "longitude", "description")}
    return data.get(name, "")


def _map_centre() -> str:
    """Where the location map opens, as "latitude,longitude" for a data attribute."""
    if apps.is_installed("services.gazetteer"):
        from services.gazetteer.selectors import map_centre

        latitude, longitude = map_centre()
    else:
        latitude, longitude = settings.MAP_DEFAULT_CENTRE
    return f"{latitude:.6f},{longitude:.6f}"


def _addresses_for(postcode: str):
    if not apps.is_installed("services.gazetteer"):
        return []
    from services.gazetteer.selectors import addresses_for_postcode

    return addresses_for_postcode(postcode)


def _questions_on_page(this_step, answers, definition) -> list:
    """The step's questions to put on the page: those asked given the answers so far,
    and those that depend on an answer on this same page (revealed as it is chosen, or
    always shown without JavaScript), so that no one meets a follow-up question or a
    warning only after pressing Continue."""
    on_page: list = []
    for question in this_step.questions:
        condition = question.condition
        same_page = condition is not None and any(q.id == condition.question_id for q in on_page)
        if same_page or is_visible(question, answers, definition):
            on_page.append(question)
    return on_page


def _reveal(question, this_step, answers, definition) -> dict | None:
    """For a question shown only after an answer on the same page: which input and
    values reveal it, and whether it starts hidden (when scripts run)."""
    condition = question.condition
    if condition is None or not any(q.id == condition.question_id for q in this_step.questions):
        return None
    return {
        "name": f"q-{condition.question_id}",
        "values": json.dumps(list(condition.values)),
        "note": "If you chose " + " or ".join(f"‘{value}’" for value in condition.values) + " above",
        "hidden": not is_visible(question, answers, definition),
    }


@never_cache
@require_http_methods(["GET", "POST"])
def step(request, slug, number):
    form = _live_form(slug)
    if not form.is_open():
        return _closed(request, form)
    pinned, progress = _pinned(request, form)
    if pinned is None:
        return redirect("forms:start", slug=slug)
    definition = pinned.definition
    this_step = definition.step(number)
    if this_step is None:
        raise Http404
    answers = progress["answers"]
    if this_step not in visible_steps(definition, answers):
        return redirect(_after_step(form, pinned, progress, number))
    change = request.GET.get("change") == "1" or request.POST.get("change") == "1"
    errors: dict[str, AnswerError] = {}
    lookups: dict[str, dict] = {}
    values = _widget_values(this_step.questions, answers)
    if request.method == "GET":
        address = _hook_initial("eform_address_initial", request)
        for question in this_step.questions:
            if question.type == "address" and not values.get(question.id) and address.get("uprn"):
                values[question.id] = {"uprn": address["uprn"], "single_line": address.get("address", "")}

    if request.method == "POST":
        if _anonymous(request):
            try:
                antibot.check_honeypot(request.POST)
            except antibot.Refused as refused:
                return _refused(request, form, refused)
        action = request.POST.get("action", "continue")
        raw = {q.id: raw_from_post(q, request.POST) for q in this_step.questions if q.asks}
        # Files first: each one is checked and kept as it arrives, so an error
        # elsewhere on the page never makes the resident upload it again.
        for question in this_step.questions:
            if question.type != "file_upload":
                continue
            kept = [f for f in answers.get(question.id, []) if f in progress["files"]]
            if action.startswith("remove:") and action.split(":", 2)[1] == question.id:
                kept = [f for f in kept if f != action.split(":", 2)[2]]
            stored, refused = uploads_for_question(
                question=question, uploaded_files=request.FILES.getlist(f"q-{question.id}"), already=len(kept)
            )
            for file in stored:
                progress["files"][str(file.pk)] = file.original_name
                kept.append(str(file.pk))
            if refused:
                errors[question.id] = AnswerError(refused)
            raw[question.id] = kept
            answers[question.id] = kept
            progress_save(request.session, form, progress)
        if action.startswith("find:") or action.startswith("remove:"):
            # Not leaving the page: show what was typed, with the addresses found.
            values.update(raw)
            if action.startswith("find:"):
                qid = action[5:]
                postcode = normalise_postcode(request.POST.get(f"q-{qid}-lookup", ""))
                if postcode is None:
                    errors[qid] = AnswerError("Enter a full UK postcode, like BC1 2AB", "lookup")
                else:
                    found = _addresses_for(postcode)
                    lookups[qid] = {"postcode": postcode, "addresses": found}
                    if not found:
                        errors[qid] = AnswerError(f"We could not find any addresses for {postcode}", "lookup")
        else:
            clean, problems = step_validate(
                definition=definition,
                step=this_step,
                raw=raw,
                answers=answers,
                context={"files": set(progress["files"])},
            )
            problems.errors.update({qid: e for qid, e in errors.items() if qid not in problems.errors})
            errors = problems.errors
            if not errors:
                asked_before = asked_question_ids(definition, answers) if change else set()
                for question in this_step.questions:
                    answers.pop(question.id, None)
                answers.update(clean)
                progress["answers"] = prune_hidden(definition, answers)
                progress_save(request.session, form, progress)
                if action == "save":
                    saved_url = _save_for_later(request, form, progress)
                    if saved_url:
                        return redirect(saved_url)
                if change:
                    # A changed answer may bring in a question the resident was never
                    # asked, on a later step: ask it before going back to the check page.
                    newly_asked = asked_question_ids(definition, progress["answers"]) - asked_before
                    for later in visible_steps(definition, progress["answers"]):
                        if later.number != number and any(q.id in newly_asked for q in later.questions):
                            return redirect(_step_url(form, later.number, change=True))
                    return redirect("forms:check", slug=slug)
                return redirect(_after_step(form, pinned, progress, number))
            values.update(raw)

    shown_answers = {**answers, **{k: v for k, v in values.items() if v}}
    asked = _questions_on_page(this_step, shown_answers, definition)
    steps = visible_steps(definition, answers)
    position = next((i for i, s in enumerate(steps, start=1) if s.number == number), 1)
    previous = steps[position - 2].number if position > 1 else None
    single = [q for q in asked if q.asks]
    context = {
        "form": form,
        "step": this_step,
        "questions": [
            {
                "q": q,
                "reveal": _reveal(q, this_step, shown_answers, definition),
                "value": values.get(q.id),
                "error": errors.get(q.id),
                "lookup": lookups.get(q.id),
                "files": [(f, progress["files"].get(f, "file")) for f in (values.get(q.id) or [])]
                if q.type == "file_upload"
                else [],
            }
            for q in asked
        ],
        "errors": [(qid, e) for qid, e in errors.items()],
        "heading_is_question": len(single) == 1 and len(asked) == 1,
        "position": position,
        "total": len(steps),
        "back_url": _step_url(form, previous) if previous else None,
        "change": change,
        "gazetteer": apps.is_installed("services.gazetteer"),
        "honeypot_field": antibot.HONEYPOT_FIELD,
        "multipart": any(q.type == "file_upload" for q in asked),
        "can_save_for_later": request.user.is_authenticated and bool(hooks.get_hooks("eform_save_for_later")),
        "map_tile_url": settings.MAP_TILE_URL,
        "map_centre": _map_centre() if any(q.type == "location" for q in asked) else "",
    }
    return render(request, "forms/step.html", context, status=200)


@never_cache
@require_http_methods(["GET", "POST"])
def contact(request, slug):
    form = _live_form(slug)
    if not form.is_open():
        return _closed(request, form)
    pinned, progress = _pinned(request, form)
    if pinned is None:
        return redirect("forms:start", slug=slug)
    if not form.asks_contact:
        return redirect("forms:check", slug=slug)
    required = form.contact_required
    if request.method == "POST":
        contact_form = ContactForm(request.POST, required=required)
        if _anonymous(request):
            try:
                antibot.check_honeypot(request.POST)
            except antibot.Refused as refused:
                return _refused(request, form, refused)
        if contact_form.is_valid():
            progress["contact"] = contact_form.cleaned_data
            progress_save(request.session, form, progress)
            return redirect("forms:check", slug=slug)
    else:
        initial = progress.get("contact") or _hook_initial("eform_contact_initial", request)
        contact_form = ContactForm(initial=initial, required=required)
    steps = visible_steps(pinned.definition, progress["answers"])
    return render(
        request,
        "forms/contact.html",
        {
            "form": form,
            "contact_form": contact_form,
            "required": required,
            "back_url": _step_url(form, steps[-1].number) if steps else None,
            "honeypot_field": antibot.HONEYPOT_FIELD,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def check(request, slug):
    form = _live_form(slug)
    if not form.is_open():
        return _closed(request, form)
    pinned, progress = _pinned(request, form)
    if pinned is None:
        done = finished_get(request.session, form)
        if request.method == "POST" and done and request.POST.get("key") == done["key"]:
            return redirect("forms:confirmation", slug=slug)  # a double click: the case already exists
        return redirect("forms:start", slug=slug)
    definition = pinned.definition
    answers, problems = answers_validate(
        definition=definition, raw=progress["answers"], context={"files": set(progress["files"])}
    )
    if problems:
        first = next(s for s in definition.steps if any(q.id in problems.errors for q in s.questions))
        return redirect(_step_url(form, first.number))
    if form.asks_contact and progress.get("contact") is None:
        return redirect("forms:contact", slug=slug)
    refusal = None
    if request.method == "POST":
        contact_details = ContactDetails(**(progress.get("contact") or {}))
        try:
            if _anonymous(request):
                antibot.check_honeypot(request.POST)
                antibot.check_fill_time(request.POST.get(antibot.STARTED_FIELD))
                antibot.check_rate_limit(client=antibot.client_address(request), email=contact_details.email)
        except antibot.Refused as refused:
            if refused.status == 429:
                return _refused(request, form, refused)
            refusal = refused.message
        else:
            try:
                case = submission_create(
                    form=form,
                    definition=definition,
                    revision_id=progress["revision"],
                    answers=answers,
                    contact=contact_details or None,
                    file_ids=list(progress["files"]),
                    submission_key=progress["key"],
                )
            except DatabaseError:
                response = render(request, "forms/unavailable.html", {"form": form}, status=503)
                response["Retry-After"] = "30"
                return response
            progress_finish(
                request.session,
                form,
                reference=case.reference,
                tracking_token=case.tracking_token,
                key=progress["key"],
                email=contact_details.email,
            )
            return redirect("forms:confirmation", slug=slug)
    files = progress["files"]
    sections = []
    for s in visible_steps(definition, answers):
        rows = [
            {
                "label": q.label,
                "answer": answer_display(q, answers.get(q.id), files),
                "change_url": _step_url(form, s.number, change=True, anchor=f"q-{q.id}"),
            }
            for q in visible_questions(s, answers, definition)
            if q.asks
        ]
        if rows:
            sections.append({"title": s.title, "rows": rows})
    return render(
        request,
        "forms/check.html",
        {
            "form": form,
            "sections": sections,
            "contact": progress.get("contact"),
            "contact_url": reverse("forms:contact", kwargs={"slug": slug}),
            "key": progress["key"],
            "started": antibot.started_token(progress["started"]),
            "honeypot_field": antibot.HONEYPOT_FIELD,
            "refusal": refusal,
            "back_url": reverse("forms:contact", kwargs={"slug": slug})
            if form.asks_contact
            else _step_url(form, visible_steps(definition, answers)[-1].number),
        },
    )


@never_cache
def confirmation(request, slug):
    form = _live_form(slug)
    done = finished_get(request.session, form)
    if done is None:
        return redirect("forms:start", slug=slug)
    tracking_url = None
    if not done.get("email") and done.get("token"):
        tracking_url = request.build_absolute_uri(reverse("cases:track", kwargs={"token": done["token"]}))
    return render(
        request,
        "forms/confirmation.html",
        {
            "form": form,
            "reference": done["reference"],
            "email": done.get("email"),
            "contact_given": done.get("contact_given", False),
            "tracking_url": tracking_url,
        },
    )
