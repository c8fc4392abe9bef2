from django import template
from django.urls import reverse
from wagtail.models import Site

register = template.Library()


@register.simple_tag
def intranet_image_url(image, filter_spec: str) -> str:
    """The address of an image through the intranet's checked view, never the media URL."""
    return reverse("intranet:image", args=[image.pk, filter_spec])


@register.inclusion_tag("intranet/includes/service_navigation.html", takes_context=True)
def intranet_navigation(context):
    """The intranet's sections (its home page's children shown in menus) and search."""
    request = context["request"]
    site = Site.find_for_request(request)
    items = []
    if site is not None:
        for child in site.root_page.get_children().live().in_menu().only("title", "url_path"):
            items.append({"title": child.title, "url": child.get_url(request)})
    items.append({"title": "Search", "url": "/find/"})
    for item in items:
        item["current"] = bool(item["url"]) and request.path.startswith(item["url"])
    return {"items": items}
