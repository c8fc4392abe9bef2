import mimetypes

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.images import get_image_model

from intranet import access

# Only the sizes the intranet's templates use, so nobody can make the server render
# arbitrary sizes.
IMAGE_FILTER_SPECS = {"fill-640x360", "max-1200x1200"}


@never_cache
@require_GET
def image(request, image_id: int, filter_spec: str):
    """An image rendition served through Django, so Intranet-collection images reach
    only verified staff (IntranetAccessMiddleware has already checked the person;
    this checks the image is one the intranet may show)."""
    if filter_spec not in IMAGE_FILTER_SPECS:
        raise Http404
    picture = get_object_or_404(get_image_model(), pk=image_id)
    if not access.is_verified_reader(request.user):
        raise Http404
    rendition = picture.get_rendition(filter_spec)
    content_type = mimetypes.guess_type(rendition.file.name)[0] or "application/octet-stream"
    response = FileResponse(rendition.file.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response
