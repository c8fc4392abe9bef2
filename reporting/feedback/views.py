"""The public side: the feedback post and the page for more detail (used without
JavaScript). The business rules live in ``submission.py``."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from reporting.feedback.forms import FeedbackForm
from reporting.feedback.models import Answer
from reporting.feedback.submission import (
    FeedbackRefused,
    comment_max_length,
    feedback_add_comments,
    feedback_follow_up_read,
    feedback_submit,
    feedback_token_issue,
    feedback_token_read,
)


def _client_address(request) -> str:
    """The visitor's address, for the rate limit only (it is hashed, never stored).
    Behind a reverse proxy, set FEEDBACK_CLIENT_ADDRESS_HEADER (for example
    "HTTP_X_FORWARDED_FOR"): the last address in it is the one our proxy saw."""
    header = getattr(settings, "FEEDBACK_CLIENT_ADDRESS_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _thanks_url(path: str) -> str:
    return f"{path}?{urlencode({'feedback': 'thanks'})}#page-feedback"


def _from_another_site(request) -> bool:
    origin = request.headers.get("Origin")
    return bool(origin) and origin != "null" and urlsplit(origin).netloc != request.get_host()


def _fresh_token(target_token: str) -> str:
    """A new form token for the same page, for when the old one was refused."""
    try:
        target = feedback_token_read(token=target_token, check_age=False)
    except FeedbackRefused:
        return ""
    return feedback_token_issue(page_id=target.page_id, revision_id=target.revision_id, path=target.path)


def _details_page(request, form, *, status=200, problem="", token="", follow_up="", answer=""):
    context = {
        "form": form,
        "problem": problem,
        "token": token,
        "follow_up": follow_up,
        "answer": answer,
        "comment_max_length": comment_max_length(),
    }
    response = render(request, "feedback/details.html", context, status=status)
    return response


def _refused(request, form, refused: FeedbackRefused):
    status = 429 if refused.code == "rate" else 400
    token = form.data.get("token", "")
    if refused.code in {"stale", "too_fast"}:
        token = _fresh_token(token)
    if _wants_json(request):
        response = JsonResponse({"errors": {"__all__": [refused.message]}, "token": token}, status=status)
    else:
        response = _details_page(
            request,
            form,
            status=status,
            problem=refused.message,
            token=token,
            follow_up=form.data.get("follow_up", ""),
            answer=form.data.get("answer", "") or Answer.PROBLEM,
        )
    if refused.retry_after:
        response["Retry-After"] = str(refused.retry_after)
    return response


# No CSRF token: this form is on every public page, and a per-visitor token would make
# every page uncacheable. The post is anonymous and creates no privileged change; it is
# protected by a signed page token with a minimum and maximum age, a honeypot, a rate
# limit per client (keyed hash, never the address) and a same-origin check on Origin.
@csrf_exempt
@require_POST
@never_cache
def feedback_post(request):
    form = FeedbackForm(request.POST)
    if _from_another_site(request):
        return JsonResponse({"errors": {"__all__": ["Feedback must be sent from this website."]}}, status=403)
    if not form.is_valid():
        if _wants_json(request):
            return JsonResponse({"errors": _flat_errors(form)}, status=400)
        return _details_page(
            request,
            form,
            status=400,
            token=form.data.get("token", ""),
            follow_up=form.data.get("follow_up", ""),
            answer=form.data.get("answer", "") or Answer.PROBLEM,
        )
    data = form.cleaned_data
    try:
        if data["follow_up"]:
            result = feedback_add_comments(
                follow_up=data["follow_up"], doing=data["doing"], went_wrong=data["went_wrong"]
            )
        else:
            result = feedback_submit(
                token=data["token"],
                answer=data["answer"],
                doing=data["doing"],
                went_wrong=data["went_wrong"],
                honeypot=data["website"],
                client_address=_client_address(request),
            )
    except FeedbackRefused as refused:
        return _refused(request, form, refused)
    except ValidationError as error:
        form.add_error(None, error)
        if _wants_json(request):
            return JsonResponse({"errors": _flat_errors(form)}, status=400)
        return _details_page(request, form, status=400, token=data["token"], answer=data["answer"])

    if result.follow_up:
        if _wants_json(request):
            return JsonResponse({"status": "more", "follow_up": result.follow_up})
        return HttpResponseRedirect(reverse("feedback:details") + "?" + urlencode({"follow_up": result.follow_up}))
    if _wants_json(request):
        return JsonResponse({"status": "thanks"})
    return HttpResponseRedirect(_thanks_url(result.path))


def _flat_errors(form) -> dict[str, list[str]]:
    return {field: [str(message) for message in messages] for field, messages in form.errors.items()}


@require_GET
@never_cache
def feedback_details(request):
    """Without JavaScript: after "No", ask what went wrong; or report a problem."""
    follow_up = request.GET.get("follow_up", "")
    token = request.GET.get("page", "")
    problem = ""
    try:
        if follow_up:
            feedback_follow_up_read(follow_up=follow_up)
            answer = Answer.NO
        else:
            feedback_token_read(token=token, check_age=False)
            token = _fresh_token(token)
            answer = Answer.PROBLEM
    except FeedbackRefused as refused:
        return render(request, "feedback/unavailable.html", {"message": refused.message}, status=400)
    return _details_page(request, FeedbackForm(), problem=problem, token=token, follow_up=follow_up, answer=answer)
