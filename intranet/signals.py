"""The "Intranet readers" group mirrors staff status, so Wagtail's own privacy
rules (which know groups, not staff status) agree with the intranet's."""

from django.contrib.auth.models import Group

from intranet.access import READERS_GROUP_NAME, is_intranet_reader


def sync_intranet_readers(sender, instance, raw=False, **kwargs):
    if raw:
        return
    group = Group.objects.filter(name=READERS_GROUP_NAME).first()
    if group is None:
        return
    if is_intranet_reader(instance):
        instance.groups.add(group)
    else:
        instance.groups.remove(group)
