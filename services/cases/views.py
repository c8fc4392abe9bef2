from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from services.cases.selectors import case_for_tracking_token, case_public_timeline


@never_cache
def track(request, token):
    """The private tracking page for a case, reached through the link the resident was given."""
    case = case_for_tracking_token(token=token)
    if case is None:
        raise Http404
    response = render(
        request,
        "cases/track.html",
        {
            "case": case,
            "timeline": case_public_timeline(case=case),
            "overdue": case.status != case.Status.CLOSED and case.sla_due < timezone.localdate(),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
