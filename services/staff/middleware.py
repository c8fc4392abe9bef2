"""Staff routes need a verified second factor, and staff sessions expire.

Enforced here, for every path under STAFF_PROTECTED_PATH_PREFIXES, rather than view by
view, so a new admin screen cannot forget it.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

# Reachable after the password, before the second factor.
_EXEMPT_PREFIXES = ("/admin/2fa/", "/admin/login/", "/admin/logout/", "/admin/password_reset/")

SESSION_STAFF_STARTED = "staff_session_started"
SESSION_STAFF_LAST_SEEN = "staff_session_last_seen"


def _is_protected(path: str) -> bool:
    return path.startswith(tuple(settings.STAFF_PROTECTED_PATH_PREFIXES)) and not path.startswith(_EXEMPT_PREFIXES)


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            expired = self._expire_staff_session(request)
            if expired is not None:
                return expired
            if _is_protected(request.path) and not user.is_verified():
                return self._send_to_second_factor(request)
        return self.get_response(request)

    def _expire_staff_session(self, request):
        session = request.session
        staff_session = SESSION_STAFF_STARTED in session
        if not staff_session and not (request.path.startswith(tuple(settings.STAFF_PROTECTED_PATH_PREFIXES))):
            return None
        now = int(time.time())
        started = session.setdefault(SESSION_STAFF_STARTED, now)
        last_seen = session.get(SESSION_STAFF_LAST_SEEN, now)
        too_long = now - started > settings.STAFF_SESSION_MAX_SECONDS
        idle = now - last_seen > settings.STAFF_SESSION_IDLE_SECONDS
        if too_long or idle:
            logout(request)
            messages.info(
                request, "You were signed out because you had not used the service for a while. Sign in again."
            )
            return redirect(f"{reverse('wagtailadmin_login')}?{urlencode({'next': request.get_full_path()})}")
        # Only write the session when the minute changes, not on every request.
        if now - last_seen >= 60 or SESSION_STAFF_LAST_SEEN not in session:
            session[SESSION_STAFF_LAST_SEEN] = now
        return None

    def _send_to_second_factor(self, request):
        from services.staff.operations import has_second_factor

        name = "staff:verify" if has_second_factor(request.user) else "staff:setup"
        return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
