"""Purging a reverse-proxy cache (nginx) in front of the app.

nginx keeps one copy of a page for each cookie choice (the banner differs), under the
key ``$host$request_uri`` plus that choice, and answers ``PURGE`` for the key of the
request it receives (``proxy_cache_purge`` from Debian's
``libnginx-mod-http-cache-purge``; see docs/deployment.md). So one page is purged with
one ``PURGE`` per cookie choice, each carrying that choice in its Cookie header.

Configure it with ``FRONTEND_CACHE_PURGE_URL`` (for example ``http://127.0.0.1:8080``,
the address nginx accepts purges on); unset, nothing is sent.
"""

import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import HTTPHandler, Request, build_opener

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

logger = logging.getLogger(__name__)

# The Cookie header of a request for each copy nginx keeps (see consent_variant).
CONSENT_VARIANTS = ("", "cookies_policy=accepted", "cookies_policy=rejected")


class _PurgeRequest(Request):
    def get_method(self):
        return "PURGE"


class NginxPurgeBackend(BaseBackend):
    """Wagtail frontend-cache backend: ``PURGE`` each cookie variant of a URL on the
    configured nginx address, with a timeout, never following redirects."""

    def __init__(self, params):
        params = dict(params)
        super().__init__(params)
        location = urlsplit(params["LOCATION"])
        if location.scheme not in ("http", "https"):
            raise ValueError("The purge LOCATION must be an http(s) address")
        self.scheme, self.netloc = location.scheme, location.netloc
        self.timeout = params.get("TIMEOUT", 5)
        self._opener = build_opener(HTTPHandler)

    def purge(self, url) -> None:
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        target = urlunsplit((self.scheme, self.netloc, parts.path or "/", parts.query, ""))
        for cookie in CONSENT_VARIANTS:
            headers = {"Host": host, "User-Agent": "council-frontend-cache"}
            if cookie:
                headers["Cookie"] = cookie
            try:
                self._opener.open(_PurgeRequest(target, headers=headers), timeout=self.timeout).close()
            except HTTPError as error:
                if error.code != 404:  # 404: that copy was not in the cache
                    logger.error("Could not purge %s from the proxy cache: HTTP %s", parts.path, error.code)
            except (URLError, OSError) as error:
                logger.error("Could not purge %s from the proxy cache: %s", parts.path, error)
                return
