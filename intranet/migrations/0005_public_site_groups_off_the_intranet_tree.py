"""Only "Intranet editors" (and superusers) edit the staff intranet.

Wagtail gives its own Editors and Moderators groups their page permissions on the
tree's root, and permissions reach down the tree, so they could also edit, publish and
delete intranet pages. Each grant a group other than Intranet editors holds on a page
above the intranet home is given instead to that page's other children (the public
sites' home pages) and removed from it. A site home made later takes over the grants of
the page it replaces (see ``home.demo``).
"""

from django.db import migrations

STEPLEN = 4  # treebeard's materialised path: four characters a level
INTRANET_EDITORS = "Intranet editors"


def move_grants_below_the_intranet_parent(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    IntranetHomePage = apps.get_model("intranet", "IntranetHomePage")

    home = IntranetHomePage.objects.first()
    if home is None:
        return
    above = [home.path[: STEPLEN * depth] for depth in range(1, home.depth)]  # the root .. the intranet's parent
    on_the_way_down = {*above, home.path}
    grants = (
        GroupPagePermission.objects.filter(page__path__in=above)
        .exclude(group__name=INTRANET_EDITORS)
        .select_related("page")
    )
    for grant in grants:
        for path in above[grant.page.depth - 1 :]:
            branches = Page.objects.filter(depth=len(path) // STEPLEN + 1, path__startswith=path).exclude(
                path__in=on_the_way_down
            )
            for branch in branches:
                GroupPagePermission.objects.get_or_create(
                    group_id=grant.group_id, page_id=branch.pk, permission_id=grant.permission_id
                )
        grant.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0004_eform_block_in_body"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(move_grants_below_the_intranet_parent, migrations.RunPython.noop)]
