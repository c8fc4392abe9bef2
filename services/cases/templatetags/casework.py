from django import template

from services.cases.audit import may_search_audit
from services.cases.reports import may_see_reports

register = template.Library()


@register.simple_tag(takes_context=True)
def casework_links(context) -> dict:
    """Which of the role-specific case-work screens the signed-in user may open."""
    user = context["request"].user
    return {"reports": may_see_reports(user), "audit": may_search_audit(user)}
