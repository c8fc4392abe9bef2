"""The intranet exists by construction, staff-only from the first migration:

- the intranet home page, directly under the root, served on its own Site
  (settings.INTRANET_HOSTNAME), private to the "Intranet readers" group;
- the "Intranet" collection for its documents and images, private to the same group;
- "Intranet readers" (every member of staff, kept in step with staff status) and
  "Intranet editors" (page permissions on the intranet tree only, collection
  permissions on the Intranet collection only, and the staff directory).
"""

import uuid

from django.conf import settings
from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def _next_child_path(model, parent):
    last = model.objects.filter(depth=parent.depth + 1, path__startswith=parent.path).order_by("-path").first()
    number = int(last.path[-STEPLEN:], 36) + 1 if last else 1
    step = ""
    while number:
        number, digit = divmod(number, 36)
        step = ALPHABET[digit] + step
    return parent.path + step.rjust(STEPLEN, "0")


def _add_child(model, parent, **fields):
    """``model`` may be a subclass of the tree's model; paths are unique across the tree."""
    path = _next_child_path(type(parent), parent)
    child = model.objects.create(path=path, depth=parent.depth + 1, numchild=0, **fields)
    type(parent).objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    return child


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_intranet(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Collection = apps.get_model("wagtailcore", "Collection")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    IntranetHomePage = apps.get_model("intranet", "IntranetHomePage")

    readers, _ = Group.objects.get_or_create(name="Intranet readers")
    editors, _ = Group.objects.get_or_create(name="Intranet editors")
    for user in User.objects.filter(is_active=True, is_staff=True):
        user.groups.add(readers)

    # The intranet's home page and Site.
    root_page = Page.objects.filter(depth=1).order_by("path").first()
    home = IntranetHomePage.objects.first()
    if root_page is not None and home is None:
        content_type, _ = ContentType.objects.get_or_create(app_label="intranet", model="intranethomepage")
        slug = "intranet"
        home = _add_child(
            IntranetHomePage,
            root_page,
            title="Staff intranet",
            draft_title="Staff intranet",
            slug=slug,
            url_path=f"/{slug}/",
            content_type=content_type,
            live=True,
            has_unpublished_changes=False,
            locale_id=root_page.locale_id,
            translation_key=uuid.uuid4(),
            introduction="News, policies, people and events for council staff.",
            quick_links=[],
        )
    if home is not None:
        Site.objects.get_or_create(
            hostname=settings.INTRANET_HOSTNAME,
            port=80,
            defaults={"root_page_id": home.pk, "site_name": "Staff intranet", "is_default_site": False},
        )
        restriction, _ = PageViewRestriction.objects.get_or_create(page_id=home.pk, restriction_type="groups")
        restriction.groups.add(readers)
        for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
            permission = _permission(apps, "wagtailcore", "page", codename, codename.replace("_", " "))
            GroupPagePermission.objects.get_or_create(group=editors, page_id=home.pk, permission=permission)

    # The Intranet collection.
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    collection = Collection.objects.filter(depth=2, name="Intranet").first()
    if root_collection is not None and collection is None:
        collection = _add_child(Collection, root_collection, name="Intranet")
    if collection is not None:
        restriction, _ = CollectionViewRestriction.objects.get_or_create(
            collection=collection, restriction_type="groups"
        )
        restriction.groups.add(readers)
        for app_label, model in (("wagtaildocs", "document"), ("wagtailimages", "image")):
            for action in ("add", "change", "choose", "delete"):
                permission = _permission(apps, app_label, model, f"{action}_{model}", f"Can {action} {model}")
                GroupCollectionPermission.objects.get_or_create(
                    group=editors, collection=collection, permission=permission
                )

    editors.permissions.add(_permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"))
    for action in ("add", "change", "delete", "view"):
        editors.permissions.add(
            _permission(apps, "intranet", "staffprofile", f"{action}_staffprofile", f"Can {action} staff profile")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_intranet, migrations.RunPython.noop)]
