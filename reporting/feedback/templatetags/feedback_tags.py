"""``{% page_feedback %}``: the "Is this page useful?" component, put at the foot of
every public page by ``templates/base.html``. It reads only the template context (no
database query), and holds nothing specific to the visitor, so pages stay cacheable."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Page

from reporting.feedback.submission import comment_max_length, feedback_token_issue

register = template.Library()


@register.inclusion_tag("feedback/component.html", takes_context=True)
def page_feedback(context):
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return {"show": False}
    page = context.get("page")
    page_id = revision_id = None
    if isinstance(page, Page) and page.pk:
        page_id, revision_id = page.pk, page.live_revision_id
    token = feedback_token_issue(page_id=page_id, revision_id=revision_id, path=request.path)
    return {
        "show": True,
        "token": token,
        "thanks": request.GET.get("feedback") == "thanks",
        "problem_url": reverse("feedback:details") + "?" + urlencode({"page": token}),
        "comment_max_length": comment_max_length(),
        "id_prefix": "page-feedback-",
    }
