"""The page cache: whole responses of public pages, kept for anonymous visitors.

Policy (one place, used by the page view, the middleware and the purge signals):

- A page response is *public* when it answers a GET or HEAD from a visitor who carries
  no session, no pending messages and no credentials, with status 200, for a page with
  no privacy restriction that is not a form page. It is sent with
  ``Cache-Control: public, max-age=...`` (browsers) and ``X-Accel-Expires: @time``
  (nginx, which is purged on publish). Every other page response is sent
  ``private, no-store``.
- ``PageCacheMiddleware`` sits first in the stack. It stores public responses that set
  no cookie and carry no per-response CSP nonce, keyed by host, full path and the
  visitor's cookie choice (the banner differs), and answers later anonymous GETs from
  the store without running the rest of the stack.
- Publishing, unpublishing, moving or deleting a page, and saving any site-wide
  snippet or setting, empties the whole store at once (a new generation), because
  menus, listings, breadcrumbs and alerts put one page's words on many others. The
  generation lives in the shared cache (Redis), or, when the store is each process's
  local memory, in a small file every worker on the host checks (one stat a request).
- A stored page never outlives the next start or end of an alert banner.
"""

import hashlib
import os
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

GENERATION_KEY = "page-cache:generation"
CONSENT_COOKIE = "cookies_policy"
HIT_HEADER = "X-Page-Cache"


def _store():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", False)


def cache_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 600)


def browser_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_BROWSER_SECONDS", 60)


def _identity_cookies() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages"))


def request_is_anonymous_get(request) -> bool:
    """A GET or HEAD from somebody who cannot be told apart from any other visitor."""
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    return not any(name in cookies for name in _identity_cookies())


def seconds_to_keep(now: float | None = None, request=None) -> int:
    """How long a page may be kept from now: the configured time, cut short by the
    next start or end of an alert banner."""
    from home import selectors

    now = now or time.time()
    keep = cache_seconds()
    change = selectors.next_alert_change(request=request)
    if change is not None:
        keep = min(keep, max(1, int(change.timestamp() - now)))
    return keep


def page_is_public(page) -> bool:
    from wagtail.contrib.forms.models import FormMixin

    from home.routing import view_restrictions

    if page is None or isinstance(page, FormMixin) or not getattr(page, "page_cache", True):
        return False
    restrictions = view_restrictions(page)
    if restrictions is None:
        restrictions = page.get_view_restrictions()
    return not restrictions.exists()


def mark_page_response(request, response, page) -> None:
    """Set the Cache-Control a page response needs (see the module's policy)."""
    if response.has_header("Cache-Control"):
        return  # the page type chose for itself
    if (
        response.status_code == 200
        and request_is_anonymous_get(request)
        and not request.user.is_authenticated
        and page_is_public(page)
    ):
        now = time.time()
        keep = seconds_to_keep(now, request)
        patch_cache_control(response, public=True, max_age=min(browser_seconds(), keep))
        response["X-Accel-Expires"] = f"@{int(now) + keep}"
    else:
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)


def _downgrade(response) -> None:
    del response["Cache-Control"]
    del response["X-Accel-Expires"]
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)


def finalise_headers(response) -> None:
    """Last look before a response leaves: a response that sets a cookie or carries a
    CSP nonce must never be shared, whatever the view said."""
    control = response.get("Cache-Control", "")
    if "public" not in control:
        return
    if response.cookies or "'nonce-" in response.get("Content-Security-Policy", ""):
        _downgrade(response)


def _generation_file() -> Path | None:
    """Where the generation lives when the store is local memory: a file all worker
    processes on the host look at (a stat per request), so a purge reaches them all."""
    if isinstance(_store(), LocMemCache):
        return Path(settings.PAGE_CACHE_GENERATION_FILE)
    return None


_file_seen = {"stamp": None, "value": None}  # this process's last look at the file


def _read_generation_file(path: Path) -> str | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    if stamp != _file_seen["stamp"]:
        _file_seen.update(stamp=stamp, value=path.read_text().strip() or None)
    return _file_seen["value"]


def _write_generation_file(path: Path, generation: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{uuid.uuid4().hex}")
    temporary.write_text(generation)
    os.replace(temporary, path)  # atomic: readers see the old or the new, never half


def content_version() -> str:
    """A part for the keys of other per-site caches (menus, listings, sites) that makes
    them follow purges on every worker when each keeps its own local-memory cache.
    Empty with a shared cache, where the signals delete those keys for everyone."""
    path = _generation_file()
    if path is None:
        return ""
    return _read_generation_file(path) or ""


def _generation(store, *, create: bool = False) -> str | None:
    path = _generation_file()
    if path is not None:
        generation = _read_generation_file(path)
        if generation is None and create:
            generation = uuid.uuid4().hex[:12]
            _write_generation_file(path, generation)
        return generation
    generation = store.get(GENERATION_KEY)
    if generation is None and create:
        generation = uuid.uuid4().hex[:12]
        if not store.add(GENERATION_KEY, generation, None):
            generation = store.get(GENERATION_KEY)
    return generation


ENVIRON_KEY = "council.page_cache_key"


def _environ_is_anonymous_get(environ, cookies: dict) -> bool:
    if environ.get("REQUEST_METHOD") not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in environ:
        return False
    return not any(name in cookies for name in _identity_cookies())


def _environ_scheme(environ) -> str:
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header and environ.get(proxy_header[0]) is not None:
        return "https" if environ[proxy_header[0]].split(",", 1)[0].strip() == proxy_header[1] else "http"
    return environ.get("wsgi.url_scheme", "http")


def environ_key(environ, cookies: dict) -> str | None:
    """The store key for a request (its WSGI environ, before Django changes it), or
    None when the request may not be answered from the store."""
    if not _environ_is_anonymous_get(environ, cookies):
        return None
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    query = environ.get("QUERY_STRING", "")
    choice = cookies.get(CONSENT_COOKIE)
    consent = "none" if choice is None else ("accepted" if choice == "accepted" else "rejected")
    address = f"{_environ_scheme(environ)}://{host}{path}?{query}|{consent}"
    return hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()[:40]


def request_key(request) -> str | None:
    """The key the WSGI front (``PageCacheApplication``) worked out for this request,
    or one worked out here when the app runs without it (tests, runserver)."""
    if ENVIRON_KEY in request.META:
        return request.META[ENVIRON_KEY]
    return environ_key(request.META, request.COOKIES)


_last_generation = {"value": None}  # this process's last sight of the generation


def lookup(key: str):
    """The stored (status, headers, content) for the key in the current generation.
    One round trip to a shared cache: the generation and the page this process
    expects are read together; only a changed generation costs a second read."""
    store_ = _store()
    path = _generation_file()
    if path is not None:
        generation = _read_generation_file(path)
        return None if generation is None else store_.get(f"page:{generation}:{key}")
    expected = _last_generation["value"]
    if expected is None:
        generation, entry = store_.get(GENERATION_KEY), None
    else:
        found = store_.get_many([GENERATION_KEY, f"page:{expected}:{key}"])
        generation, entry = found.get(GENERATION_KEY), found.get(f"page:{expected}:{key}")
    if generation is None:
        return None
    if generation != expected:
        _last_generation["value"] = generation
        entry = store_.get(f"page:{generation}:{key}")
    return entry


def fetch(request, key: str) -> HttpResponse | None:
    entry = lookup(key)
    if entry is None:
        return None
    status, headers, content = entry
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response.headers[name] = value
    response.headers[HIT_HEADER] = "hit"
    return response


def _storable(response) -> int | None:
    """Seconds to keep the response for, or None when it must not be stored."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    control = response.get("Cache-Control", "")
    if "public" not in control or "private" in control or "no-store" in control:
        return None
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return None
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - {"cookie", "accept-encoding"}:
        return None
    expires = response.get("X-Accel-Expires", "")
    if not expires.startswith("@"):
        return None
    keep = int(expires[1:]) - int(time.time())
    return keep if keep > 0 else None


def store(request, key: str, response) -> None:
    if request.method != "GET":
        return
    keep = _storable(response)
    if keep is None:
        return
    store_ = _store()
    generation = _generation(store_, create=True)
    headers = tuple((name, value) for name, value in response.items() if name.lower() != "set-cookie")
    store_.set(f"page:{generation}:{key}", (response.status_code, headers, response.content), keep)
    response.headers[HIT_HEADER] = "stored"


def purge_all() -> None:
    """Empty the store on every process and host sharing it: a new generation."""
    path = _generation_file()
    if path is not None:
        _write_generation_file(path, uuid.uuid4().hex[:12])
    else:
        _store().set(GENERATION_KEY, uuid.uuid4().hex[:12], None)


class PageCacheMiddleware:
    """First in MIDDLEWARE: answers anonymous GETs of stored pages before anything
    else runs, and stores the public page responses that pass through."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request_key(request) if enabled() else None
        if key is not None and ENVIRON_KEY not in request.META:  # the WSGI front has looked already
            cached = fetch(request, key)
            if cached is not None:
                return cached
        response = self.get_response(request)
        finalise_headers(response)
        if key is not None:
            store(request, key, response)
        return response


class PageCacheApplication:
    """In front of Django's WSGI handler (config/wsgi.py): answers a stored page
    before Django builds a request at all, the cheapest hit there is. A miss goes on
    to Django, where ``PageCacheMiddleware`` stores the response under the same key."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        if enabled():
            from django.http.cookie import parse_cookie

            cookies = parse_cookie(environ["HTTP_COOKIE"]) if environ.get("HTTP_COOKIE") else {}
            key = environ_key(environ, cookies)
            if key is not None:
                environ[ENVIRON_KEY] = key
                entry = lookup(key)
                if entry is not None:
                    status, headers, content = entry
                    start_response(f"{status} OK", [*headers, (HIT_HEADER, "hit")])
                    return [b"" if environ["REQUEST_METHOD"] == "HEAD" else content]
        return self.application(environ, start_response)
