"""Case-work screens in the Wagtail admin. Every case read goes through
``selectors.cases_visible_to`` (changes through ``cases_workable_by``); the rules and
changes themselves live in ``operations``."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from services.cases import audit, exports, operations, reports, selectors
from services.cases.models import AuditEntry, Case, Contact, ResolutionCategory, WorkflowStatus
from services.cases.pagination import BoundedPaginator

PAGE_SIZE = 50
# Queues count up to this many cases, then say "more than" (see BoundedPaginator).
COUNT_LIMIT = 1000


def _filters(request) -> selectors.QueueFilters:
    return _filters_from(request.GET)


def _filters_from(get) -> selectors.QueueFilters:
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

    # Taken before the cases are read: a change made while the page is built then counts
    # as made after it, so a bulk action errs on leaving a case alone, never on overwriting.
    listed_at = timezone.now()
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
            "listed_at": listed_at.isoformat(),
        },
    )


def my_queue(request):
    return _queue(request, scope="mine", title="My queue")


def team_queue(request):
    return _queue(request, scope="team", title="My team's queue")


def _posted_time(request, field: str):
    """A time the page put in a hidden field; None when the form sent no time with its
    zone (a page open since before the field existed, or a tampered form)."""
    from datetime import datetime

    try:
        posted = datetime.fromisoformat(request.POST.get(field, "")[:40])
    except ValueError:
        return None
    return posted if timezone.is_aware(posted) else None


def _cases(count: int) -> str:
    return f"{count} case{'s' if count != 1 else ''}"


def _bulk_done(request, text: str, changed: list[str]) -> None:
    """Say what was done, and name the cases left alone because someone changed them."""
    if not changed:
        messages.success(request, text)
    elif len(changed) == 1:
        messages.warning(
            request,
            f"{text} 1 case changed since you opened the list and was left as it is: {changed[0]}. "
            "Check it and try again.",
        )
    else:
        messages.warning(
            request,
            f"{text} {_cases(len(changed))} changed since you opened the list and were left as they are: "
            f"{', '.join(changed)}. Check them and try again.",
        )


@require_POST
def bulk(request):
    ids = [value for value in request.POST.getlist("case") if value.isdigit()]
    cases = selectors.cases_workable_by(request.user).filter(pk__in=ids)
    action = request.POST.get("action")
    # Back to the queue as it was, with its filters and page (the query string).
    back = request.POST.get("next") or reverse("casework:team_queue")
    if not back.startswith("/admin/casework/"):
        back = reverse("casework:team_queue")
    if not ids:
        messages.error(request, "Select at least one case.")
        return redirect(back)
    listed_at = _posted_time(request, "listed_at")  # when the queue was shown
    if listed_at is None:
        # Refused rather than done unchecked: without the time there is no telling whether
        # a colleague changed a case since, and a bulk action would overwrite it unseen.
        messages.error(
            request, "Could not check whether the cases changed since the list was shown. Select them again."
        )
        return redirect(back)
    if action == "assign":
        assignee_id = request.POST.get("assignee", "")
        assignee = None
        if assignee_id.isdigit():
            assignee = selectors.assignable_users(user=request.user).filter(pk=int(assignee_id)).first()
            if assignee is None:
                messages.error(request, "Choose someone in your teams.")
                return redirect(back)
        count, changed = operations.cases_assign(
            cases=cases, assignee=assignee, user=request.user, unchanged_since=listed_at
        )
        who = (assignee.get_full_name() or assignee.get_username()) if assignee else "nobody"
        _bulk_done(request, f"Assigned {_cases(count)} to {who}.", changed)
    elif action == "close":
        closed, refused, changed = operations.cases_close(
            cases=cases,
            user=request.user,
            resolution_name=request.POST.get("resolution", ""),
            unchanged_since=listed_at,
        )
        _bulk_done(request, f"Closed {_cases(closed)}.", changed)
        if refused:
            messages.warning(request, "Could not close (workflow does not allow it): " + ", ".join(refused))
    else:
        messages.error(request, "Choose what to do with the selected cases.")
    return redirect(back)


def _visible_case(request, pk) -> Case:
    return get_object_or_404(
        selectors.cases_visible_to(request.user)
        .select_related("case_type", "workflow_status", "customer", "assigned_to", "resolution_category")
        .annotate(last_email_state=selectors.last_email_state()),
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
    audit.audit_record(user=request.user, action=AuditEntry.Action.CASE_VIEWED, case=case)
    workable = selectors.case_is_workable_by(case=case, user=request.user)
    statuses, resolutions = selectors.case_type_choices(case_type=case.case_type)
    timeline = selectors.case_timeline(case=case)
    return render(
        request,
        "cases/casework/case.html",
        {
            "title": f"Case {case.reference}",
            "case": case,
            "workable": workable,
            "timeline": timeline,
            "answers": _form_labels(case),
            "files": [(file, selectors.case_file_downloadable(file)) for file in case.files.all()],
            "sla": selectors.sla_countdown(case=case),
            "related": selectors.cases_related(case=case, user=request.user),
            "linked_duplicates": selectors.linked_duplicates(case=case, user=request.user),
            "transitions": operations.allowed_transitions(case=case, statuses=statuses) if workable else [],
            "resolutions": resolutions,
            "assignees": selectors.assignable_users(user=request.user) if workable else [],
            "map_tiles": settings.MAP_TILE_URL,
            "duplicates": (
                selectors.possible_duplicates(case=case, user=request.user, timeline=timeline) if workable else []
            ),
            "unreachable": selectors.case_unreachable(case=case),
            "seen": case.updated_at.isoformat(),
        },
    )


def _seen(request):
    """When the case was last changed as the person's page showed it."""
    return _posted_time(request, "seen")


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
        operations.case_status_change(
            case=case, to_status=status, user=request.user, resolution_category=resolution, seen=_seen(request)
        )
    except (operations.TransitionError, operations.ConflictError) as error:
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
    try:
        operations.cases_assign(
            cases=Case.objects.filter(pk=case.pk), assignee=assignee, user=request.user, seen=_seen(request)
        )
    except operations.ConflictError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Case assigned.")
    return redirect("casework:case", pk=case.pk)


@require_POST
def case_link(request, pk):
    """Link this case, as a duplicate, to an earlier one the user may see."""
    case = _workable_case(request, pk)
    main_id = request.POST.get("main", "")
    main = selectors.cases_visible_to(request.user).filter(pk=int(main_id)).first() if main_id.isdigit() else None
    if main is None:
        raise Http404
    try:
        case = operations.case_link_duplicate(case=case, main=main, user=request.user, seen=_seen(request))
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"Linked as a duplicate of {case.duplicate_of.reference}.")
    return redirect("casework:case", pk=case.pk)


@require_POST
def case_unlink(request, pk):
    """Undo a wrong duplicate link, so this case's customer stops getting the other case's updates."""
    case = _workable_case(request, pk)
    try:
        operations.case_unlink_duplicate(case=case, user=request.user, seen=_seen(request))
    except ValueError as error:  # a ConflictError too
        messages.error(request, str(error))
    else:
        messages.success(request, "Unlinked: this case's customer no longer gets the other case's public updates.")
    return redirect("casework:case", pk=case.pk)


def case_file(request, pk, file_id):
    file = get_object_or_404(selectors.case_files_downloadable_by(request.user), pk=file_id, case_id=pk)
    audit.audit_record(
        user=request.user, action=AuditEntry.Action.FILE_DOWNLOADED, case=file.case, detail=f"Upload {file.pk}"
    )
    try:
        handle = file.private_path.open("rb")  # noqa: SIM115 - FileResponse closes it
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
    audit.audit_record(user=request.user, action=AuditEntry.Action.CUSTOMER_VIEWED, customer_id=customer.pk)
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
    operations.case_tracking_link_revoke(case=case, actor=request.user.get_username(), user=request.user)
    messages.success(request, f"The tracking link of {case.reference} has been revoked.")
    return redirect("casework:case", pk)


def cases_export(request):
    """The queue's cases, with the filters it showed, as CSV: a page says what will be
    exported; the download is a POST, so every export is deliberate and audited."""
    data = request.POST if request.method == "POST" else request.GET
    filters = _filters_from(data)
    scope = "mine" if data.get("scope") == "mine" else "team"
    if request.method == "POST":
        _count, _personal, rows = exports.cases_export(user=request.user, scope=scope, filters=filters)
        response = StreamingHttpResponse(exports.csv_lines(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="cases-{timezone.localdate():%Y-%m-%d}.csv"'
        response["Cache-Control"] = "private, no-store"
        return response
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request,
        "cases/casework/export.html",
        {
            "title": "Export cases",
            "scope": scope,
            "filters": filters,
            "count": selectors.case_queue(user=request.user, scope=scope, filters=filters).count(),
            "personal": exports.may_export_personal_data(request.user),
            "columns": exports.COLUMNS,
            "personal_columns": exports.PERSONAL_COLUMNS,
        },
    )


def _date_param(value: str):
    from django.utils.dateparse import parse_date

    try:
        return parse_date(value[:10]) if value else None
    except ValueError:
        return None


def report_first_contact(request):
    """First-contact resolution by channel and week or month, on screen and as CSV."""
    from datetime import timedelta

    if not reports.may_see_reports(request.user):
        raise Http404
    period = "month" if request.GET.get("period") == "month" else "week"
    today = timezone.localdate()
    end = _date_param(request.GET.get("to", "")) or today
    start = _date_param(request.GET.get("from", "")) or end - timedelta(days=365 if period == "month" else 83)
    if start > end:
        start, end = end, start
    rows = reports.first_contact_resolution(user=request.user, period=period, start=start, end=end)
    if request.GET.get("format") == "csv":
        response = HttpResponse(
            "".join(exports.csv_lines(reports.report_csv_rows(rows))), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="first-contact-resolution-{start}-{end}.csv"'
        return response
    query = request.GET.copy()
    query["format"] = "csv"
    return render(
        request,
        "cases/casework/report_first_contact.html",
        {
            "title": "First-contact resolution",
            "rows": rows,
            "period": period,
            "start": start,
            "end": end,
            "csv_query": query.urlencode(),
            "columns": reports.REPORT_COLUMNS,
        },
    )


def audit_trail(request):
    """The audit trail, searched by the data-protection role."""
    if not audit.may_search_audit(request.user):
        raise Http404
    get = request.GET
    filters = audit.AuditFilters(
        username=get.get("username", "").strip()[:150],
        case_reference=get.get("reference", "").strip()[:32],
        customer_id=get.get("customer", "").strip()[:10],
        action=get.get("action", "")[:30],
        date_from=_date_param(get.get("from", "")),
        date_to=_date_param(get.get("to", "")),
    )
    entries = audit.audit_search(user=request.user, filters=filters)
    page = Paginator(entries, PAGE_SIZE).get_page(get.get("page"))
    query = get.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/casework/audit.html",
        {
            "title": "Audit trail",
            "page": page,
            "filters": filters,
            "actions": AuditEntry.Action.choices,
            "query": query.urlencode(),
        },
    )
