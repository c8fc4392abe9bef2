"""Small staff actions on a case in the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from services.cases.models import Case
from services.cases.operations import case_tracking_link_revoke


@require_POST
def tracking_link_revoke(request, pk):
    if not request.user.has_perm("cases.change_case"):
        raise PermissionDenied
    case = get_object_or_404(Case, pk=pk)
    case_tracking_link_revoke(case=case, actor=request.user.get_username())
    messages.success(request, f"The tracking link of {case.reference} has been revoked.")
    return redirect("admin_cases:inspect", pk)
