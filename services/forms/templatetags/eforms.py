"""Template tags the shared block library uses to show an e-form, so that ``home``
never imports ``services``."""

from django import template

register = template.Library()


@register.inclusion_tag("forms/blocks/eform_start.html")
def eform_start(form, button_text="Start now"):
    """The form's introduction and start button (or its closed message). Drafts
    never reach the public: an unpublished form shows nothing."""
    if form is None or not getattr(form, "live", False):
        return {"form": None}
    return {"form": form, "button_text": button_text, "is_open": form.is_open()}
