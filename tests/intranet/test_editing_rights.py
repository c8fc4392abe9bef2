"""Web editors edit the public sites and the intranet editors edit the intranet: Wagtail's
Editors and Moderators groups, whose page permissions Wagtail gives on the tree's root,
can no longer edit, publish or delete intranet pages."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Page, Site

from home.models import MicrositeHomePage
from tests.intranet.conftest import INTRANET_HOST, verify_second_factor
from tests.reporting.feedback.conftest import make_staff


@pytest.fixture
def sites(intranet):
    public = Site.objects.get(is_default_site=True).root_page
    return {
        "public": public,
        "public page": Page.objects.descendant_of(public).live().first(),
        "microsite": MicrositeHomePage.objects.first(),
        "intranet": intranet,
        "intranet page": Page.objects.descendant_of(intranet).live().first(),
    }


@pytest.mark.parametrize(
    ("group", "edits"),
    [
        ("Editors", {"public", "public page", "microsite"}),
        ("Moderators", {"public", "public page", "microsite"}),
        ("Intranet editors", {"intranet", "intranet page"}),
    ],
)
def test_each_group_edits_its_own_sites_only(sites, group, edits):
    user = make_staff("someone", group)
    can_edit = {name for name, page in sites.items() if page.permissions_for_user(user).can_edit()}
    assert can_edit == edits
    for name in ("intranet", "intranet page"):
        rights = sites[name].permissions_for_user(user)
        may_change = rights.can_publish() or rights.can_delete() or rights.can_add_subpage()
        assert may_change == (group == "Intranet editors"), name


def test_a_web_editor_is_turned_away_from_the_intranet_page_editor(client, sites):
    editor = make_staff("erin", "Editors")
    verify_second_factor(client, editor)
    public = client.get(f"/admin/pages/{sites['public page'].pk}/edit/")
    assert public.status_code == 200
    intranet = client.get(f"/admin/pages/{sites['intranet page'].pk}/edit/")
    assert intranet.status_code in {302, 403}
    assert sites["intranet page"].title.encode() not in intranet.content
    # Still a reader, like all staff.
    assert client.get(sites["intranet page"].get_url_parts()[2], HTTP_HOST=INTRANET_HOST).status_code == 200


def test_no_group_but_the_intranet_editors_holds_page_permissions_above_the_intranet(sites):
    above = sites["intranet"].get_ancestors()
    holders = set(GroupPagePermission.objects.filter(page__in=above).values_list("group__name", flat=True).distinct())
    assert holders <= {"Intranet editors"}
    # Not an empty check: Wagtail's groups still exist and hold their permissions below.
    assert GroupPagePermission.objects.filter(group=Group.objects.get(name="Editors")).exists()
