from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from services.staff import operations
from services.staff.forms import OneTimeCodeForm

SESSION_NEW_BACKUP_CODES = "staff_new_backup_codes"


def _next_url(request) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or "/admin/"
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "/admin/"


def _login_required(view):
    return login_required(view, login_url="wagtailadmin_login")


@never_cache
@_login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    if not operations.has_second_factor(user):
        return redirect(f"{reverse('staff:setup')}?{urlencode({'next': _next_url(request)})}")
    form = OneTimeCodeForm(request.POST or None)
    locked = operations.verification_locked(user)
    if request.method == "POST" and not locked and form.is_valid():
        result = operations.second_factor_verify(request=request, user=user, code=form.cleaned_data["code"])
        if result.verified:
            if result.used_backup_code:
                messages.warning(
                    request,
                    f"You used a backup code. You have {result.backup_codes_left} left: "
                    "get new ones from the security codes page when you run low.",
                )
            return redirect(_next_url(request))
        locked = result.locked
        if result.throttled:
            form.add_error("code", "Wait a few seconds, then enter the security code again")
        elif not locked:
            form.add_error("code", "The security code is not right. Check your authenticator app and try again")
    if locked:
        logout(request)
        return render(request, "staff/verification_locked.html", status=429)
    return render(request, "staff/verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@_login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    user = request.user
    if operations.has_second_factor(user):
        # Adding a second authenticator needs the first one: no bypass through this page.
        return redirect("staff:verify")
    device = operations.totp_enrolment_start(user=user)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = operations.totp_enrolment_confirm(request=request, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            request.session[SESSION_NEW_BACKUP_CODES] = codes
            return redirect(f"{reverse('staff:backup_codes')}?{urlencode({'next': _next_url(request)})}")
        form.add_error("code", "The security code is not right. Check the time on your phone and try again")
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_code": operations.totp_qr_code_data_uri(device),
        "secret": operations.totp_secret_for_display(device),
    }
    return render(request, "staff/setup.html", context)


@never_cache
@_login_required
@require_http_methods(["GET", "POST"])
def backup_codes(request):
    """Shows newly issued backup codes once; a verified user can issue a new set."""
    if not request.user.is_verified():
        return redirect("staff:verify")
    if request.method == "POST":
        request.session[SESSION_NEW_BACKUP_CODES] = operations.backup_codes_issue(user=request.user)
        return redirect(request.path)
    codes = request.session.pop(SESSION_NEW_BACKUP_CODES, None)
    return render(request, "staff/backup_codes.html", {"codes": codes, "next": _next_url(request)})
