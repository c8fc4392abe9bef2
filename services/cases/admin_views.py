"""Case-work screens in the Wagtail admin. Every case read goes through
``selectors.cases_visible_to`` (changes through ``cases_workable_by``); the rules and
changes themselves live in ``operations``."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from services.cases import operations, selectors
from services.cases.models import Case, Contact, ResolutionCategory, WorkflowStatus
from services.cases.pagination import BoundedPaginator

PAGE_SIZE = 50
# Queues count up to this many cases, then say "more than" (see BoundedPaginator).
COUNT_LIMIT = 1000


def _filters(request) -> selectors.QueueFilters:
    get = request.GET
    return selectors.QueueFilters(
        status=get.get("status", "open" if "status" not in get else "")[:50],
        case_type=get.get("case_type", "")[:10],
        ward=get.get("ward", "")[:120],
        channel=get.get("channel", "")[:20],
        overdue=get.get("overdue") == "1",
        assigned_to=get.get("assigned_to", "")[:10],
        q=get.get("q", "")[:100],
        sort=get.get("sort", "sla_due")[:20],
    )


def _queue(request, *, scope: str, title: str):
    from services.cases.models import CaseType
    from services.gazetteer.models import Ward

    selectors.teams_remember(request.user)
    filters = _filters(request)
    cases = selectors.case_queue(user=request.user, scope=scope, filters=filters)
    page = BoundedPaginator(cases, PAGE_SIZE, limit=COUNT_LIMIT).get_page(request.GET.get("page"))
    if selectors.sees_every_case(request.user):
        case_types = CaseType.objects.all()
    else:
        case_types = selectors.case_types_creatable_by(request.user)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/casework/queue.html",
        {
            "title": title,
            "scope": scope,
            "page": page,
            "count_limit": f"{COUNT_LIMIT:,}",
            "filters": filters,
            "statuses": WorkflowStatus.objects.filter(case_type__in=case_types).values_list("slug", "name").distinct(),
            "case_types": case_types,
            # Cases get their ward from the gazetteer: its 20-odd wards, not a scan of every case.
            "wards": Ward.objects.order_by("name").values_list("name", flat=True).distinct(),
            "channels": Case.Channel.choices,
            "assignees": selectors.assignable_users(user=request.user),
            "sorts": [
                ("sla_due", "Due soonest"),
                ("-sla_due", "Due latest"),
                ("-created_at", "Newest"),
                ("created_at", "Oldest"),
                ("priority", "Priority"),
                ("reference", "Reference"),
            ],
            "query": query.urlencode(),
            "today": timezone.localdate(),
        },
    )


def my_queue(request):
    return _queue(request, scope="mine", title="My queue")


def team_queue(request):
    return _queue(request, scope="team", title="My team's queue")


@require_POST
def bulk(request):
    ids = [value for value in request.POST.getlist("case") if value.isdigit()]
    cases = selectors.cases_workable_by(request.user).filter(pk__in=ids)
    action = request.POST.get("action")
    back = request.POST.get("next") or reverse("casework:team_queue")
    if not back.startswith("/admin/casework/"):
        back = reverse("casework:team_queue")
    if not ids:
        messages.error(request, "Select at least one case.")
        return redirect(back)
    if action == "assign":
        assignee_id = request.POST.get("assignee", "")
        assignee = None
        if assignee_id.isdigit():
            assignee = selectors.assignable_users(user=request.user).filter(pk=int(assignee_id)).first()
            if assignee is None:
                messages.error(request, "Choose someone in your teams.")
                return redirect(back)
        count = operations.cases_assign(cases=cases, assignee=assignee, user=request.user)
        messages.success(request, f"{count} case{'s' if count != 1 else ''} assigned.")
    elif action == "close":
        closed, refused = operations.cases_close(
            cases=cases, user=request.user, resolution_name=request.POST.get("resolution", "")
        )
        messages.success(request, f"{closed} case{'s' if closed != 1 else ''} closed.")
        if refused:
            messages.warning(request, "Could not close (workflow does not allow it): " + ", ".join(refused))
    else:
        messages.error(request, "Choose what to do with the selected cases.")
    return redirect(back)


def _visible_case(request, pk) -> Case:
    return get_object_or_404(
        selectors.cases_visible_to(request.user).select_related(
            "case_type", "workflow_status", "customer", "assigned_to", "resolution_category"
        ),
        pk=pk,
    )


def _workable_case(request, pk) -> Case:
    return get_object_or_404(selectors.cases_workable_by(request.user), pk=pk)


def _form_labels(case: Case) -> list[dict]:
    """Answers with the labels of the form revision stored with the case."""
    if case.answer_summary:
        return case.answer_summary
    return [{"label": key, "answer": value} for key, value in case.answers.items()]


def case_detail(request, pk):
    selectors.teams_remember(request.user)
    case = _visible_case(request, pk)
    workable = selectors.case_is_workable_by(case=case, user=request.user)
    return render(
        request,
        "cases/casework/case.html",
        {
            "title": f"Case {case.reference}",
            "case": case,
            "workable": workable,
            "timeline": selectors.case_timeline(case=case),
            "answers": _form_labels(case),
            "files": [(file, selectors.case_file_downloadable(file)) for file in case.files.all()],
            "sla": selectors.sla_countdown(case=case),
            "related": selectors.cases_related(case=case, user=request.user),
            "transitions": operations.allowed_transitions(case=case) if workable else [],
            "resolutions": case.case_type.resolution_categories.all(),
            "assignees": selectors.assignable_users(user=request.user) if workable else [],
            "map_tiles": settings.MAP_TILE_URL,
        },
    )


@require_POST
def case_note(request, pk):
    case = _workable_case(request, pk)
    try:
        operations.case_note_add(
            case=case, user=request.user, text=request.POST.get("text", ""), public=request.POST.get("public") == "1"
        )
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Public update added." if request.POST.get("public") == "1" else "Note added.")
    return redirect("casework:case", pk=case.pk)


@require_POST
def case_status(request, pk):
    case = _workable_case(request, pk)
    status = WorkflowStatus.objects.filter(pk=request.POST.get("status") or 0, case_type=case.case_type).first()
    resolution = ResolutionCategory.objects.filter(
        pk=request.POST.get("resolution") or 0, case_type=case.case_type
    ).first()
    if status is None:
        messages.error(request, "Choose the new status.")
        return redirect("casework:case", pk=case.pk)
    try:
        operations.case_status_change(case=case, to_status=status, user=request.user, resolution_category=resolution)
    except operations.TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Status changed to {status.name}.")
    return redirect("casework:case", pk=case.pk)


@require_POST
def case_assign(request, pk):
    case = _workable_case(request, pk)
    assignee_id = request.POST.get("assignee", "")
    assignee = None
    if assignee_id.isdigit():
        assignee = selectors.assignable_users(user=request.user).filter(pk=int(assignee_id)).first()
        if assignee is None:
            raise Http404
    operations.cases_assign(cases=Case.objects.filter(pk=case.pk), assignee=assignee, user=request.user)
    messages.success(request, "Case assigned.")
    return redirect("casework:case", pk=case.pk)


def case_file(request, pk, file_id):
    file = get_object_or_404(selectors.case_files_downloadable_by(request.user), pk=file_id, case_id=pk)
    root = settings.PRIVATE_UPLOAD_ROOT
    try:
        handle = open(f"{root}/{file.stored_name}", "rb")  # noqa: SIM115 - FileResponse closes it
    except OSError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=file.original_name, content_type=file.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def customer_detail(request, pk):
    customer = get_object_or_404(selectors.customers_visible_to(request.user), pk=pk)
    can_edit = selectors.sees_every_case(request.user) or (
        selectors.cases_workable_by(request.user).filter(customer=customer).exists()
    )
    if request.method == "POST":
        if not can_edit:
            raise Http404
        changed = operations.customer_update(
            customer=customer,
            user=request.user,
            **{field: request.POST.get(field, "") for field in operations.CUSTOMER_FIELDS},
        )
        messages.success(request, "Contact details updated." if changed else "Nothing changed.")
        return redirect("casework:customer", pk=customer.pk)
    cases = (
        selectors.cases_visible_to(request.user)
        .filter(customer=customer)
        .select_related("case_type", "workflow_status")
        .order_by("-created_at")
    )
    return render(
        request,
        "cases/casework/customer.html",
        {
            "title": f"Customer: {customer}",
            "customer": customer,
            "cases": cases,
            "changes": customer.changes.all()[:50],
            "contacts": customer.contacts.all()[:50],
            "can_edit": can_edit,
        },
    )


def _assisted_forms_for(user):
    from services.forms.models import EForm

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


def assisted_form(request, slug):
    """The whole public form on one page, validated and submitted through the forms
    app's own functions, with the channel and the customer staff chose or created."""
    from services.cases.operations import ContactDetails
    from services.forms.submission import answers_validate, submission_create
    from services.forms.views import raw_from_post

    form = get_object_or_404(_assisted_forms_for(request.user), slug=slug)
    definition = form.definition
    questions = [q for q in definition.questions if q.type != "file_upload"]
    errors, values, page_errors = {}, {}, []
    customer_choice = request.POST.get("customer", "") if request.method == "POST" else request.GET.get("customer", "")
    customers = selectors.customers_visible_to(request.user)
    chosen = customers.filter(pk=int(customer_choice)).first() if customer_choice.isdigit() else None
    if request.method == "POST":
        raw = {q.id: raw_from_post(q, request.POST) for q in questions if q.asks}
        values = dict(raw)
        answers, problems = answers_validate(definition=definition, raw=raw, context={"files": set()})
        errors = problems.errors
        channel = request.POST.get("channel", "")
        if channel not in dict(ASSISTED_CHANNELS):
            page_errors.append(("channel", "Choose how the caller contacted us"))
        contact = None
        if chosen is not None:
            contact = ContactDetails(name=chosen.name, email=chosen.email, phone=chosen.phone)
        else:
            contact = ContactDetails(
                name=request.POST.get("name", "").strip()[:200],
                email=request.POST.get("email", "").strip()[:254],
                phone=request.POST.get("phone", "").strip()[:40],
            )
            if form.contact_required and not (contact.email or contact.phone):
                page_errors.append(("name", "Enter the caller's email address or phone number"))
        if not errors and not page_errors:
            case = submission_create(
                form=form,
                definition=definition,
                revision_id=form.live_revision_id,
                answers=answers,
                contact=contact or None,
                file_ids=[],
                submission_key=request.POST.get("key") or None,
                channel=channel,
            )
            operations.case_note_add(
                case=case, user=request.user, text=f"Completed by staff for the caller ({channel}).", public=False
            )
            messages.success(request, f"Case {case.reference} created.")
            return redirect("casework:case", pk=case.pk)
    import secrets

    return render(
        request,
        "cases/casework/assisted_form.html",
        {
            "title": f"{form.title}: for a caller",
            "form": form,
            "questions": [
                {"q": q, "value": values.get(q.id), "error": errors.get(q.id), "lookup": None, "files": []}
                for q in questions
            ],
            "errors": [(f"q-{qid}", e.message) for qid, e in errors.items()] + page_errors,
            "channels": ASSISTED_CHANNELS,
            "chosen": chosen,
            "customer_matches": _customer_matches(request, customers),
            "post": request.POST if request.method == "POST" else {},
            "key": request.POST.get("key") or secrets.token_urlsafe(16),
        },
    )


def _customer_matches(request, customers):
    text = request.GET.get("find", "").strip()[:100]
    if not text:
        return None
    from django.db.models import Q

    return list(
        customers.filter(Q(name__icontains=text) | Q(email__iexact=text) | Q(phone__icontains=text)).order_by("name")[
            :20
        ]
    )


def contact_new(request):
    """A general enquiry resolved at first contact, in a few clicks."""
    if not (selectors.sees_every_case(request.user) or selectors.user_teams(request.user).exists()):
        raise Http404
    errors = []
    if request.method == "POST":
        customer = None
        if request.POST.get("customer", "").isdigit():
            customer = selectors.customers_visible_to(request.user).filter(pk=int(request.POST["customer"])).first()
        topic = request.POST.get("topic", "").strip()
        outcome = request.POST.get("outcome", "").strip()
        channel = request.POST.get("channel", "")
        if channel not in Contact.Channel.values:
            errors.append(("channel", "Choose how they contacted us"))
        if not topic:
            errors.append(("topic", "Enter what the enquiry was about"))
        if not outcome:
            errors.append(("outcome", "Enter the outcome"))
        if not errors:
            operations.contact_log(
                user=request.user,
                channel=channel,
                topic=topic,
                outcome=outcome,
                customer=customer,
                resolved_at_first_contact=request.POST.get("resolved", "1") == "1",
            )
            messages.success(request, "Enquiry logged.")
            return redirect("casework:contact_new")
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "cases/casework/contact_new.html",
        {
            "title": "Log an enquiry",
            "channels": Contact.Channel.choices,
            "topics": ["Council tax", "Bins and recycling", "Parking", "Planning", "Housing", "Other"],
            "errors": errors,
            "post": request.POST,
        },
    )


@require_POST
def case_tracking_link_revoke(request, pk):
    """Give the case a new private tracking token, so a leaked link stops working."""
    case = _workable_case(request, pk)
    operations.case_tracking_link_revoke(case=case, actor=request.user.get_username())
    messages.success(request, f"The tracking link of {case.reference} has been revoked.")
    return redirect("casework:case", pk)
