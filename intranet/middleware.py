"""Every intranet request needs a member of staff who has passed the second factor.

An intranet request is any request to the intranet's host name (pages, search,
sitemap, anything), any path under INTRANET_PROTECTED_PATH_PREFIXES on any host
(the intranet's image view), and any file under MEDIA_URL that belongs to the
Intranet collection. Anyone else is sent to the staff sign-in page; a member of staff
who has signed in with only a password is sent to the second factor. Nothing of the
intranet (title, snippet or file) is ever in the response.

The admin's own paths are left to the admin and to StaffSessionMiddleware, so staff
can sign in on the intranet's host.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from intranet import access

# The sign-in and second-factor screens themselves, on the intranet's host.
_ADMIN_PREFIXES = ("/admin/",)


class IntranetAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._is_intranet_request(request) and not access.is_verified_reader(request.user):
            return self._refuse(request)
        return self.get_response(request)

    def _is_intranet_request(self, request) -> bool:
        path = request.path
        if access.is_intranet_host(request):
            return not path.startswith(_ADMIN_PREFIXES) and not path.startswith(settings.STATIC_URL)
        if path.startswith(tuple(settings.INTRANET_PROTECTED_PATH_PREFIXES)):
            return True
        return path.startswith(settings.MEDIA_URL) and access.staff_only_media_file(path)

    def _refuse(self, request):
        next_query = urlencode({"next": request.get_full_path()})
        if access.is_intranet_reader(request.user):
            # The staff verify screen sends people without an authenticator to set one up.
            response = redirect(f"{reverse('staff:verify')}?{next_query}")
        else:
            response = redirect(f"{reverse('wagtailadmin_login')}?{next_query}")
        add_never_cache_headers(response)
        return response
