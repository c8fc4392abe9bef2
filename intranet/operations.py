"""Business operations on the intranet. The demo loader, admin screens and
commands call these, so the rules live in one place."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Site

from intranet.access import INTRANET_COLLECTION_NAME
from intranet.models import IntranetHomePage, StaffProfile


@transaction.atomic
def intranet_site_sync() -> Site:
    """Make sure the intranet's Site answers on settings.INTRANET_HOSTNAME (the
    migration made it with the host name of the day)."""
    home = IntranetHomePage.objects.get()
    site = Site.objects.filter(root_page=home).first()
    if site is None:
        site = Site(root_page=home, port=80, site_name="Staff intranet", is_default_site=False)
    if site.hostname != settings.INTRANET_HOSTNAME:
        site.hostname = settings.INTRANET_HOSTNAME
    site.save()
    return site


def intranet_collection() -> Collection:
    return Collection.objects.get(depth=2, name=INTRANET_COLLECTION_NAME)


@transaction.atomic
def staff_profile_update_or_create(*, user, role: str, team: str, phone: str = "") -> StaffProfile:
    profile, _ = StaffProfile.objects.update_or_create(user=user, defaults={"role": role, "team": team, "phone": phone})
    return profile
