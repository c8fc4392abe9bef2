from django import template
from django.urls import reverse

from reporting.feedback.selectors import feedback_page_summary, feedback_user_may_view_page

register = template.Library()


@register.inclusion_tag("feedback/admin/side_summary.html", takes_context=True)
def page_feedback_side_summary(context, page):
    """The page's feedback summary in the editor's status side panel, for the comms
    team and the page's owner only."""
    request = context.get("request")
    if request is None or not feedback_user_may_view_page(user=request.user, page=page):
        return {"show": False}
    return {
        "show": True,
        "summary": feedback_page_summary(page=page),
        "summary_url": reverse("feedback_review:page", args=[page.pk]),
    }
