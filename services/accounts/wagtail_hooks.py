"""What accounts adds to the e-form engine, through the hooks services.forms calls."""

from django.urls import reverse
from wagtail import hooks

from services.accounts import selectors


@hooks.register("eform_contact_initial")
def contact_details_for_signed_in_resident(request) -> dict:
    return selectors.contact_prefill(user=request.user)


@hooks.register("eform_address_initial")
def address_for_signed_in_resident(request) -> dict:
    return selectors.address_prefill(user=request.user)


@hooks.register("eform_save_for_later")
def save_for_later(request, form, progress):
    """Keep the resident's progress as a draft; the URL to send them to, or None when
    they cannot save (not a signed-in resident)."""
    if selectors.resident_profile(user=request.user) is None or request.user.is_staff:
        return None
    from services.accounts.eforms import draft_from_progress

    draft = draft_from_progress(user=request.user, form=form, progress=progress)
    return reverse("accounts:draft_saved", kwargs={"draft_id": draft.pk})


@hooks.register("case_customer_email_updates")
def customer_email_updates(customer) -> bool:
    """Ask with ``all(fn(customer) for fn in hooks.get_hooks("case_customer_email_updates"))``."""
    return selectors.customer_wants_email_updates(customer=customer)
