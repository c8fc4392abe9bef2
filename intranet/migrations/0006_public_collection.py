"""Web editors' media rights no longer reach the Intranet collection.

Wagtail gives its Editors and Moderators groups their image and document permissions on
the root collection, and those reach every collection below it, the Intranet one
included: a web editor could choose an intranet image for a public page, or change or
delete it. Wagtail cannot deny a child collection, so, as ``0005`` does for pages, each
grant a group other than Intranet editors holds on the root collection moves to the
root's other children, and the public media kept in the root moves into a "Public"
collection made for it. A collection made later under the root is granted by whoever
makes it.
"""

import importlib

from django.db import migrations

INTRANET_EDITORS = "Intranet editors"
INTRANET_COLLECTION = "Intranet"
PUBLIC_COLLECTION = "Public"

# The tree helpers that made the Intranet collection.
_add_child = importlib.import_module("intranet.migrations.0002_intranet_site_collection_and_groups")._add_child


def move_media_rights_off_the_root_collection(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Image = apps.get_model("wagtailimages", "Image")
    Document = apps.get_model("wagtaildocs", "Document")

    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    public = Collection.objects.filter(depth=2, name=PUBLIC_COLLECTION).first() or _add_child(
        Collection, root, name=PUBLIC_COLLECTION
    )
    for model in (Image, Document):
        model.objects.filter(collection=root).update(collection=public)

    branches = list(
        Collection.objects.filter(depth=2, path__startswith=root.path).exclude(name=INTRANET_COLLECTION)
    )
    for grant in GroupCollectionPermission.objects.filter(collection=root).exclude(group__name=INTRANET_EDITORS):
        for branch in branches:
            GroupCollectionPermission.objects.get_or_create(
                group_id=grant.group_id, collection=branch, permission_id=grant.permission_id
            )
        grant.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0005_public_site_groups_off_the_intranet_tree"),
        # After the migrations that give Wagtail's groups their rights on the root collection.
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(move_media_rights_off_the_root_collection, migrations.RunPython.noop)]
