"""The "Intranet readers" group mirrors staff status, so Wagtail's own privacy
rules (which know groups, not staff status) agree with the intranet's."""

from django.contrib.auth.models import Group

from intranet.access import READERS_GROUP_NAME, is_intranet_reader

PUBLIC_COLLECTION = "Public"  # made by intranet.0006


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


def media_kept_out_of_the_root_collection(sender, instance, raw=False, **kwargs):
    """An image or document saved into the root collection goes into "Public" instead.

    Web editors' media rights are on the root's children, not the root (a grant there
    would reach the Intranet collection, intranet.0006), so media in the root would be
    seen only by superusers. The root is what a superuser's upload form offers first.
    """
    from wagtail.models import Collection

    if raw or instance.collection_id is None:
        return
    root = Collection.get_first_root_node()
    if root is None or instance.collection_id != root.pk:
        return
    public = Collection.objects.filter(depth=2, name=PUBLIC_COLLECTION).first()
    if public is not None:
        instance.collection = public
