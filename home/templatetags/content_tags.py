from django import template

from home import selectors

register = template.Library()


@register.inclusion_tag("includes/alerts.html", takes_context=True)
def alert_banners(context):
    """Alerts showing now on this page: site-wide and for its section. One query."""
    page = context.get("page")
    return {"alerts": selectors.alerts_for_page(page=page if hasattr(page, "path") else None)}


@register.filter
def filesizeformat_short(size):
    """A document's size as GOV.UK shows it: 120 KB, 2.4 MB."""
    if not size:
        return ""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"
