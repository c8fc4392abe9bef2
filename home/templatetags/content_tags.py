from django import template

from home import selectors

register = template.Library()


@register.inclusion_tag("includes/alerts.html", takes_context=True)
def alert_banners(context):
    """Alerts showing now on this page: site-wide and for its section. One query."""
    page = context.get("page")
    page = page if hasattr(page, "path") else None
    return {"alerts": selectors.alerts_for_page(page=page, request=context.get("request"))}


@register.simple_tag
def breadcrumb_ancestors(page):
    """The pages above this one, from its site's home page (none for other objects)."""
    from home.routing import ancestors_for_breadcrumbs

    return ancestors_for_breadcrumbs(page) if hasattr(page, "path") else []


@register.filter
def filesizeformat_short(size):
    """A document's size as GOV.UK shows it: 120 KB, 2.4 MB."""
    if not size:
        return ""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@register.simple_tag(takes_context=True)
def link_url(context, value):
    """The address of a link block's value: its page's, relative to this site when it
    can be, or its web address."""
    page = value.get("page")
    if page:
        return page.get_url(request=context.get("request")) or ""
    return value.get("url") or ""


@register.filter(expects_localtime=True)
def govuk_time(value):
    """A time as GOV.UK writes it: 9am, 5:30pm, midday, midnight (never Django's
    "9:12a.m."). A stored datetime is shown in the site's time zone."""
    if value is None:
        return ""
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


_RICH_TEXT_TAGS = {"a", "b", "strong", "i", "em", "p", "br", "h2", "h3", "h4", "ul", "ol", "li"}


@register.filter
def richtext_safe(value):
    """Wagtail's rich text, expanded and then cleaned, so that text from any source
    (imports, the API, old revisions) can never carry script or `javascript:` links."""
    import nh3
    from django.utils.safestring import mark_safe
    from wagtail.rich_text import RichText, expand_db_html

    source = value.source if isinstance(value, RichText) else str(value or "")
    cleaned = nh3.clean(
        expand_db_html(source),
        tags=_RICH_TEXT_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 just above
