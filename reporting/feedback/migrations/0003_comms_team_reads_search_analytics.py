"""The comms team also reads the site search analytics (top queries, no-result
queries, clicks): both tell them which pages residents cannot find."""

from django.db import migrations

GROUP = "Comms team"


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    content_type, _ = ContentType.objects.get_or_create(app_label="site_search", model="searchevent")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="view_searchevent", defaults={"name": "Can view search event"}
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="site_search", codename="view_searchevent")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_comms_team_group"),
        ("site_search", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
