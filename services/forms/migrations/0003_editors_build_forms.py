"""Web editors build forms without a developer: the Editors group may write e-form
drafts; the Moderators group may also publish, lock and delete them."""

from django.db import migrations

EDITORS = ("add", "change", "view")
MODERATORS = ("add", "change", "view", "delete", "publish", "lock")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    content_type, _ = ContentType.objects.get_or_create(app_label="forms", model="eform")

    def permissions(actions):
        return [
            Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_eform", defaults={"name": f"Can {action} e-form"}
            )[0]
            for action in actions
        ]

    for name, actions in (("Editors", EDITORS), ("Moderators", MODERATORS)):
        for group in Group.objects.filter(name=name):
            group.permissions.add(*permissions(actions))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    eform = Permission.objects.filter(content_type__app_label="forms", content_type__model="eform")
    for group in Group.objects.filter(name__in=("Editors", "Moderators")):
        group.permissions.remove(*eform)


class Migration(migrations.Migration):
    dependencies = [
        ("forms", "0002_body_block_library"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
