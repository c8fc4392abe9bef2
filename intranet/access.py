"""Who may see the intranet, and which requests are intranet requests: the one
place these rules live. The middleware, the document hook and the image view all
ask here."""

from __future__ import annotations

from django.conf import settings
from django.http.request import split_domain_port

INTRANET_COLLECTION_NAME = "Intranet"
READERS_GROUP_NAME = "Intranet readers"
EDITORS_GROUP_NAME = "Intranet editors"


def intranet_hostname() -> str:
    return settings.INTRANET_HOSTNAME.lower()


def is_intranet_host(request) -> bool:
    domain, _port = split_domain_port(request.get_host())
    return domain == intranet_hostname()


def is_intranet_reader(user) -> bool:
    """Staff may read the intranet; residents (accounts without staff status) may not.
    The second factor is checked separately: see ``is_verified_reader``."""
    return bool(user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser))


def is_verified_reader(user) -> bool:
    return is_intranet_reader(user) and bool(getattr(user, "is_verified", lambda: False)())


def staff_only_collection_ids() -> set[int]:
    """The Intranet collection and every collection inside it."""
    from wagtail.models import Collection

    ids: set[int] = set()
    for collection in Collection.objects.filter(name=INTRANET_COLLECTION_NAME, depth=2):
        ids.update(collection.get_descendants(inclusive=True).values_list("pk", flat=True))
    return ids


def is_staff_only_collection(collection_id: int | None) -> bool:
    return collection_id is not None and collection_id in staff_only_collection_ids()


def staff_only_media_file(path: str) -> bool:
    """Whether a path under MEDIA_URL is a document, an original image or an image
    rendition that belongs to the Intranet collection."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    name = path.removeprefix(settings.MEDIA_URL)
    if not name or name == path:
        return False
    collections = staff_only_collection_ids()
    if not collections:
        return False
    Image = get_image_model()
    Rendition = Image.get_rendition_model()
    return (
        Image.objects.filter(file=name, collection_id__in=collections).exists()
        or Rendition.objects.filter(file=name, image__collection_id__in=collections).exists()
        or get_document_model().objects.filter(file=name, collection_id__in=collections).exists()
    )
