"""The "Comms team" group: may use the admin, see all page feedback and triage it."""

from django.db import migrations

GROUP = "Comms team"


def create_comms_team(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    feedback_type, _ = ContentType.objects.get_or_create(app_label="feedback", model="feedbackresponse")
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    permissions = [
        Permission.objects.get_or_create(
            content_type=feedback_type, codename="view_feedbackresponse", defaults={"name": "Can view page feedback"}
        )[0],
        Permission.objects.get_or_create(
            content_type=feedback_type, codename="change_feedbackresponse", defaults={"name": "Can change page feedback"}
        )[0],
        Permission.objects.get_or_create(
            content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
        )[0],
    ]
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*permissions)


def remove_comms_team(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_comms_team, remove_comms_team)]
