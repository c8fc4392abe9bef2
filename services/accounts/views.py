"""Residents' account pages. Views move data between HTTP and the operations and
selectors; the rules live there."""

from __future__ import annotations

import json
import time
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from services.accounts import operations, selectors
from services.accounts.eforms import draft_resume
from services.accounts.forms import (
    AddInformationForm,
    ChangeEmailForm,
    ChangePasswordForm,
    DeleteAccountForm,
    EmailForm,
    NewPasswordForm,
    ProfileForm,
    SecurityCodeForm,
    SignInForm,
    SignUpForm,
)
from services.accounts.models import AccountToken
from services.accounts.operations import LinkProblem

# A resident who gave the right password and still owes a security code.
PENDING_USER = "accounts:pending-user"
PENDING_SECONDS = 5 * 60


def _private(response):
    patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
    # Never tell other sites which account page linked to them. (Not "no-referrer":
    # browsers then send "Origin: null" with our own forms and CSRF checks refuse them.)
    response["Referrer-Policy"] = "same-origin"
    return response


def private_page(view):
    """Pages that show or change account details: never cached, never referred."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return _private(view(request, *args, **kwargs))

    return never_cache(wrapped)


def resident_required(view):
    """A signed-in resident with a confirmed email address; others go to sign in."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        user = request.user
        profile = selectors.resident_profile(user=user)
        if profile is None or not profile.verified or user.is_staff:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('accounts:sign_in')}?{query}")
        request.resident_profile = profile
        return view(request, *args, **kwargs)

    return private_page(wrapped)


def _safe_next(request, default="accounts:home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return target
    return reverse(default)


# --- Signing up, in and out --------------------------------------------------------


@private_page
@require_http_methods(["GET", "POST"])
def sign_up(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        operations.resident_sign_up(
            email=form.cleaned_data["email"], password=form.cleaned_data["password"], name=form.cleaned_data["name"]
        )
        return redirect("accounts:check_email")
    return render(request, "accounts/sign_up.html", {"form": form})


@private_page
def check_email(request):
    return render(request, "accounts/check_email.html")


def _link_problem(request, problem: LinkProblem, *, purpose: str):
    again = {
        AccountToken.Purpose.VERIFY: ("accounts:resend_confirmation", "Get a new confirmation link"),
        AccountToken.Purpose.RESET: ("accounts:forgot_password", "Get a new password reset link"),
        AccountToken.Purpose.EMAIL_CHANGE: ("accounts:change_email", "Ask for a new confirmation link"),
    }[purpose]
    return render(
        request,
        "accounts/link_problem.html",
        {"reason": problem.reason, "again_url": reverse(again[0]), "again_text": again[1]},
        status=410 if problem.reason in ("expired", "used") else 404,
    )


@private_page
@require_http_methods(["GET", "POST"])
def confirm_email(request, token):
    try:
        if request.method == "POST":
            operations.email_verify(token=token)
            messages.success(request, "Your email address is confirmed. You can now sign in.")
            return redirect("accounts:sign_in")
        operations.token_check(token=token, purpose=AccountToken.Purpose.VERIFY)
    except LinkProblem as problem:
        return _link_problem(request, problem, purpose=AccountToken.Purpose.VERIFY)
    return render(request, "accounts/confirm_email.html")


@private_page
@require_http_methods(["GET", "POST"])
def resend_confirmation(request):
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        operations.email_verification_resend(email=form.cleaned_data["email"])
        return redirect("accounts:check_email")
    return render(request, "accounts/resend_confirmation.html", {"form": form})


@private_page
@require_http_methods(["GET", "POST"])
def sign_in(request):
    form = SignInForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        email = operations.normalise_email(form.cleaned_data["email"])
        # Throttled per email address and client address by django-axes.
        user = authenticate(request, username=email, password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            request.axes_locked_out = False  # our page, not the staff one
            response = render(request, "accounts/locked_out.html", status=429)
            response["Retry-After"] = "900"
            return response
        if user is None or user.is_staff or user.is_superuser:
            error = "Enter a correct email address and password"
        else:
            profile = operations.profile_for(user)
            if not profile.verified:
                return render(
                    request, "accounts/unconfirmed.html", {"resend_url": reverse("accounts:resend_confirmation")}
                )
            if operations.resident_has_second_factor(user=user):
                request.session[PENDING_USER] = {"id": user.pk, "at": int(time.time()), "next": _safe_next(request)}
                return redirect("accounts:sign_in_code")
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")  # a new session key
            return redirect(_safe_next(request))
    return render(request, "accounts/sign_in.html", {"form": form, "error": error, "next": _safe_next(request)})


@private_page
@require_http_methods(["GET", "POST"])
def sign_out(request):
    if request.method == "POST":
        logout(request)
        messages.success(request, "You have signed out.")
        return redirect("accounts:sign_in")
    return render(request, "accounts/sign_out.html")


@private_page
@require_http_methods(["GET", "POST"])
def forgot_password(request):
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        operations.password_reset_request(email=form.cleaned_data["email"])
        return redirect("accounts:check_email")
    return render(request, "accounts/forgot_password.html", {"form": form})


@private_page
@require_http_methods(["GET", "POST"])
def reset_password(request, token):
    try:
        row = operations.token_check(token=token, purpose=AccountToken.Purpose.RESET)
        form = NewPasswordForm(request.POST or None, user=row.user)
        if request.method == "POST" and form.is_valid():
            operations.password_reset_complete(token=token, password=form.cleaned_data["password"])
            messages.success(request, "Your password has been changed. Sign in with your new password.")
            return redirect("accounts:sign_in")
    except LinkProblem as problem:
        return _link_problem(request, problem, purpose=AccountToken.Purpose.RESET)
    return render(request, "accounts/reset_password.html", {"form": form})


# --- The account -------------------------------------------------------------------


@resident_required
def home(request):
    return render(
        request,
        "accounts/home.html",
        {
            "cases": selectors.resident_cases(user=request.user)[:3],
            "drafts": selectors.resident_drafts(user=request.user),
            "profile": request.resident_profile,
        },
    )


def _case_rows(cases):
    return [{"case": case, "overdue": selectors.case_is_overdue(case=case)} for case in cases]


@resident_required
def requests_list(request):
    return render(
        request,
        "accounts/requests.html",
        {
            "rows": _case_rows(selectors.resident_cases(user=request.user)),
            "drafts": selectors.resident_drafts(user=request.user),
        },
    )


@resident_required
def request_detail(request, reference):
    case = selectors.resident_case(user=request.user, reference=reference)
    return render(
        request,
        "accounts/request_detail.html",
        {
            "case": case,
            "overdue": selectors.case_is_overdue(case=case),
            "is_open": selectors.case_is_open(case=case),
            "timeline": selectors.case_resident_timeline(case=case),
            "files": case.files.exclude(scan_status="held"),
        },
    )


@resident_required
@require_http_methods(["GET", "POST"])
def request_add(request, reference):
    case = selectors.resident_case(user=request.user, reference=reference)
    if not selectors.case_is_open(case=case):
        return redirect("accounts:request", reference=reference)
    form = AddInformationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        operations.case_information_add(user=request.user, case=case, text=form.cleaned_data["information"])
        messages.success(request, "We have added your information to the request.")
        return redirect("accounts:request", reference=reference)
    return render(request, "accounts/request_add.html", {"case": case, "form": form})


@resident_required
def request_timeline(request, reference):
    case = selectors.resident_case(user=request.user, reference=reference)
    return render(
        request,
        "accounts/request_timeline.html",
        {"case": case, "timeline": selectors.case_resident_timeline(case=case)},
    )


@resident_required
def request_file(request, reference, file_id):
    from services.forms.uploads import private_path

    upload = selectors.resident_case_file(user=request.user, reference=reference, file_id=file_id)
    path = private_path(upload.stored_name)
    if not path.exists():
        raise Http404
    response = FileResponse(
        path.open("rb"), as_attachment=True, filename=upload.original_name, content_type=upload.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Profile ---------------------------------------------------------------------------


@resident_required
@require_http_methods(["GET", "POST"])
def profile(request):
    current = request.resident_profile
    initial = {
        "name": request.user.first_name,
        "phone": current.phone,
        "address": current.address,
        "uprn": current.uprn,
        "email_updates": "yes" if current.email_updates else "no",
    }
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        uprn = data["uprn"] if data["address"] == current.address else ""
        operations.profile_update(
            user=request.user,
            details=operations.ProfileDetails(
                name=data["name"],
                phone=data["phone"],
                address=data["address"],
                uprn=uprn,
                email_updates=data["email_updates"],
            ),
        )
        messages.success(request, "Your details have been saved.")
        return redirect("accounts:home")
    return render(request, "accounts/profile.html", {"form": form, "email": request.user.email})


@resident_required
@require_http_methods(["GET", "POST"])
def change_email(request):
    form = ChangeEmailForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        operations.email_change_request(user=request.user, new_email=form.cleaned_data["email"])
        return render(request, "accounts/check_email.html", {"change": True})
    return render(request, "accounts/change_email.html", {"form": form})


@private_page
@require_http_methods(["GET", "POST"])
def confirm_new_email(request, token):
    try:
        if request.method == "POST":
            operations.email_change_confirm(token=token)
            messages.success(request, "Your email address has been changed.")
            return redirect("accounts:home" if request.user.is_authenticated else "accounts:sign_in")
        operations.token_check(token=token, purpose=AccountToken.Purpose.EMAIL_CHANGE)
    except LinkProblem as problem:
        return _link_problem(request, problem, purpose=AccountToken.Purpose.EMAIL_CHANGE)
    return render(request, "accounts/confirm_email.html", {"change": True})


@resident_required
@require_http_methods(["GET", "POST"])
def change_password(request):
    form = ChangePasswordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        request.user.set_password(form.cleaned_data["password"])
        request.user.save(update_fields=["password"])
        update_session_auth_hash(request, request.user)  # this session stays; every other one ends
        messages.success(request, "Your password has been changed.")
        return redirect("accounts:home")
    return render(request, "accounts/change_password.html", {"form": form})


# --- Drafts -------------------------------------------------------------------------------


@resident_required
@require_POST
def draft_continue(request, draft_id):
    draft = selectors.resident_draft(user=request.user, draft_id=draft_id)
    url = draft_resume(request=request, draft=draft)
    if url is None:
        messages.info(request, f"{draft.form_title} is not available at the moment. Your draft has been kept.")
        return redirect("accounts:requests")
    return redirect(url)


@resident_required
@require_POST
def draft_delete(request, draft_id):
    draft = selectors.resident_draft(user=request.user, draft_id=draft_id)
    draft.delete()
    messages.success(request, f"Your draft of {draft.form_title} has been deleted.")
    return redirect("accounts:requests")


# --- Data rights -----------------------------------------------------------------------------


@resident_required
def your_data(request):
    return render(request, "accounts/your_data.html", {"data": selectors.resident_data(user=request.user)})


@resident_required
def your_data_json(request):
    data = selectors.resident_data(user=request.user)
    response = HttpResponse(json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="your-data.json"'
    return response


@resident_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        operations.account_delete(user=user)
        return redirect("accounts:deleted")
    return render(request, "accounts/delete_account.html", {"form": form})


@private_page
def deleted(request):
    return render(request, "accounts/deleted.html")


@resident_required
def draft_saved(request, draft_id):
    draft = selectors.resident_draft(user=request.user, draft_id=draft_id)
    return render(request, "accounts/draft_saved.html", {"draft": draft})


# --- Optional second factor ------------------------------------------------------------------


@private_page
@require_http_methods(["GET", "POST"])
def sign_in_code(request):
    from django.contrib.auth import get_user_model

    from services.staff.operations import second_factor_verify

    pending = request.session.get(PENDING_USER)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING_USER, None)
        return redirect("accounts:sign_in")
    user = get_user_model().objects.filter(pk=pending["id"], is_staff=False, is_active=True).first()
    if user is None:
        return redirect("accounts:sign_in")
    form = SecurityCodeForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        result = second_factor_verify(request=request, user=user, code=form.cleaned_data["code"])
        if result.verified:
            request.session.pop(PENDING_USER, None)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(pending["next"])
        if result.locked:
            request.session.pop(PENDING_USER, None)
            return render(request, "accounts/locked_out.html", status=429)
        error = "The security code is not right" if not result.throttled else "Wait a few seconds, then try again"
    return render(request, "accounts/sign_in_code.html", {"form": form, "error": error})


@resident_required
def security(request):
    return render(request, "accounts/security.html", {"on": operations.resident_has_second_factor(user=request.user)})


@resident_required
@require_http_methods(["GET", "POST"])
def security_set_up(request):
    from services.staff.operations import totp_qr_code_data_uri, totp_secret_for_display

    if operations.resident_has_second_factor(user=request.user):
        return redirect("accounts:security")
    device = operations.resident_totp_start(user=request.user)
    form = SecurityCodeForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        if operations.resident_totp_confirm(user=request.user, code=form.cleaned_data["code"]):
            messages.success(request, "Two-step sign-in is on. You will need a code from your app to sign in.")
            return redirect("accounts:security")
        error = "The security code is not right. Check the time on your phone is correct"
    return render(
        request,
        "accounts/security_set_up.html",
        {
            "form": form,
            "error": error,
            "qr_code": totp_qr_code_data_uri(device),
            "secret": totp_secret_for_display(device),
        },
    )


@resident_required
@require_POST
def security_turn_off(request):
    form = DeleteAccountForm(request.POST, user=request.user)
    if form.is_valid():
        operations.resident_totp_remove(user=request.user)
        messages.success(request, "Two-step sign-in is off.")
    else:
        messages.error(request, "Your password is not correct. Two-step sign-in is still on.")
    return redirect("accounts:security")
