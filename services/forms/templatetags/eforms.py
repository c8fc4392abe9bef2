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


@register.filter
def team_phrase(team_name):
    """A team's name as it starts a sentence: "Our Street cleansing team", never "The
    Street cleansing". The name is kept as written; one ending in "team" is not doubled."""
    name = " ".join(str(team_name or "").split())
    if not name:
        return "Our team"
    if name.casefold().startswith(("the ", "our ")):
        name = name.split(" ", 1)[1]
    if name.casefold() == "team" or name.casefold().endswith(" team"):
        return f"Our {name}"
    return f"Our {name} team"
