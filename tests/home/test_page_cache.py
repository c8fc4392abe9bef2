"""The page cache: public pages are stored for anonymous visitors and answered without
touching the database; nobody signed in, nothing private and nothing that sets a cookie
is ever stored; publishing and site-wide edits purge the app's store and nginx."""

import base64
import datetime
import hashlib
import io
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth import get_user_model
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home import page_cache
from home.frontend_cache import NginxPurgeBackend
from home.models import AlertBanner, InformationPage

pytestmark = pytest.mark.django_db

PAGE = "/bins-and-recycling/"


@pytest.fixture
def cache_on(settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_GENERATION_FILE = str(tmp_path / "generation")
    return settings


def test_public_page_is_public_stored_and_then_answered_without_the_database(client, demo_pages, cache_on):
    first = client.get(PAGE)
    assert first.status_code == 200
    assert first["Cache-Control"] == "public, max-age=60"
    assert first["X-Accel-Expires"].startswith("@")
    assert first["X-Page-Cache"] == "stored"

    with CaptureQueriesContext(connection) as queries:
        second = client.get(PAGE)
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_head_is_answered_from_the_stored_page_without_a_body(client, demo_pages, cache_on):
    client.get(PAGE)
    response = client.head(PAGE)
    assert response["X-Page-Cache"] == "hit" and response.content == b""


def test_signed_in_visitors_are_never_served_a_stored_page_nor_stored(client, demo_pages, cache_on):
    client.get(PAGE)  # an anonymous visitor's copy is stored
    resident = get_user_model().objects.create_user(username="sam", email="sam@example.com", password="x" * 16)
    client.force_login(resident)
    for _ in range(2):
        response = client.get(PAGE)
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
        assert "X-Accel-Expires" not in response
        assert "/account/" in response.content.decode()  # their own navigation, not the anonymous one


def test_restricted_pages_are_private_and_never_stored(client, demo_pages, cache_on):
    safeguarding = {"HTTP_HOST": "safeguarding.localhost"}
    assert PageViewRestriction.objects.filter(page__slug="partner-resources").exists()
    for _ in range(2):
        response = client.get("/partner-resources/", **safeguarding)
        assert "public" not in response.get("Cache-Control", "")
        assert "X-Page-Cache" not in response


def test_a_page_restricted_after_it_was_stored_is_no_longer_served_from_the_store(client, demo_pages, cache_on):
    client.get(PAGE)
    page = InformationPage.objects.get(slug="bins-and-recycling")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret-word")
    response = client.get(PAGE)
    assert 'type="password"' in response.content.decode()
    assert "public" not in response.get("Cache-Control", "")


def test_each_cookie_choice_gets_its_own_copy(client, demo_pages, cache_on):
    assert "Cookies on" in client.get(PAGE).content.decode()
    client.cookies["cookies_policy"] = "accepted"
    chosen = client.get(PAGE)
    assert chosen["X-Page-Cache"] == "stored"
    assert "Accept additional cookies" not in chosen.content.decode()


def test_a_visitor_with_a_message_waiting_sees_it_on_a_stored_page(client, demo_pages, cache_on):
    client.get(PAGE)
    response = client.post("/cookies/", {"cookies": "accept", "next": PAGE}, follow=True)
    assert "You&#x27;ve accepted additional cookies." in response.content.decode()


def test_publishing_a_page_purges_every_stored_page(client, demo_pages, cache_on):
    client.get(PAGE)
    client.get("/")
    page = InformationPage.objects.get(slug="bins-and-recycling")
    page.title = "Bins, boxes and recycling"
    page.save_revision().publish()
    page_response = client.get(PAGE)
    assert page_response["X-Page-Cache"] == "stored"
    assert "Bins, boxes and recycling" in page_response.content.decode()
    assert client.get("/")["X-Page-Cache"] == "stored"  # the home page lists it: purged too


def test_a_new_alert_shows_on_stored_pages_and_a_page_is_kept_no_longer_than_its_start(client, demo_pages, cache_on):
    client.get(PAGE)
    AlertBanner.objects.create(title="Recycling centre closed today")
    assert "Recycling centre closed today" in client.get(PAGE).content.decode()

    soon = timezone.now() + datetime.timedelta(seconds=30)
    AlertBanner.objects.create(title="Road closure from noon", starts_at=soon)
    response = client.get(PAGE)
    assert int(response["X-Accel-Expires"][1:]) <= soon.timestamp() + 1
    assert "max-age=30" in response["Cache-Control"] or "max-age=29" in response["Cache-Control"]


def test_a_response_that_sets_a_cookie_is_never_shared(rf):
    from django.http import HttpResponse

    response = HttpResponse("page")
    response["Cache-Control"] = "public, max-age=60"
    response["X-Accel-Expires"] = "@9999999999"
    response.set_cookie("csrftoken", "abc")
    page_cache.finalise_headers(response)
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert "X-Accel-Expires" not in response


def test_the_inline_script_is_allowed_by_its_hash_and_no_nonce_is_sent(client, demo_pages):
    response = client.get(PAGE)
    script = re.search(r"<script>(.*?)</script>", response.content.decode()).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in response["Content-Security-Policy"]
    assert "'nonce-" not in response["Content-Security-Policy"]


def _environ(path):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
    }


def test_the_wsgi_front_answers_stored_pages_and_forgets_them_after_a_purge(demo_pages, cache_on):
    application = page_cache.PageCacheApplication(WSGIHandler())
    seen = []

    def start_response(status, headers, exc_info=None):
        seen.append((status, dict(headers)))

    def get():
        # As Django's test client does: keep the test's database connection open.
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            return b"".join(application(_environ(PAGE), start_response))
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)

    first = get()
    assert seen[-1][1]["X-Page-Cache"] == "stored"
    with CaptureQueriesContext(connection) as queries:
        assert get() == first
    assert seen[-1][1]["X-Page-Cache"] == "hit" and len(queries) == 0
    page_cache.purge_all()  # as any worker on the host would, through the generation file
    get()
    assert seen[-1][1]["X-Page-Cache"] == "stored"


class _PurgeRecorder(BaseHTTPRequestHandler):
    received: list = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        type(self).received.append((self.path, self.headers.get("Host"), self.headers.get("Cookie")))
        self.send_response(404 if "missing" in self.path else 200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    _PurgeRecorder.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, _PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_the_nginx_backend_purges_each_cookie_choice_of_a_url(purge_server):
    server, received = purge_server
    backend = NginxPurgeBackend({"LOCATION": f"http://127.0.0.1:{server.server_port}"})
    backend.purge("https://www.council.example/bins-and-recycling/")
    backend.purge("https://www.council.example/missing/")  # 404: was not cached, no error
    assert received[:3] == [
        ("/bins-and-recycling/", "www.council.example", None),
        ("/bins-and-recycling/", "www.council.example", "cookies_policy=accepted"),
        ("/bins-and-recycling/", "www.council.example", "cookies_policy=rejected"),
    ]
    assert len(received) == 6


def test_publishing_a_page_sends_the_purge_for_its_url_and_the_pages_listing_it(settings, purge_server, demo_pages):
    server, received = purge_server
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "home.frontend_cache.NginxPurgeBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    page = InformationPage.objects.get(slug="bin-collection-days")
    page.save_revision().publish()
    purged = {path for path, host, cookie in received}
    path = page.get_url_parts()[2]
    assert path in purged
    assert page.get_parent().get_url_parts()[2] in purged and "/" in purged
    assert {cookie for path_, host, cookie in received if path_ == path} == {
        None,
        "cookies_policy=accepted",
        "cookies_policy=rejected",
    }


def test_saving_an_alert_purges_every_live_page_from_nginx(settings, purge_server, demo_pages):
    server, received = purge_server
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "home.frontend_cache.NginxPurgeBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        AlertBanner.objects.create(title="Heavy snow: check before you travel")
    purged = {path for path, host, cookie in received}
    assert {"/", PAGE, "/news/"} <= purged


@pytest.fixture
def proxy(settings, purge_server):
    server, received = purge_server
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "home.frontend_cache.NginxPurgeBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    return received


def _publish_renamed(page, title):
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        page.title = title
        page.save_revision().publish()


def test_renaming_a_page_purges_the_pages_that_link_to_it_and_no_others(proxy, demo_pages):
    target = InformationPage.objects.get(slug="bin-collection-days")
    listing = {target.pk, target.get_parent().pk, target.get_site().root_page_id}
    linking, unrelated = InformationPage.objects.live().exclude(pk__in=listing)[:2]
    linking.body.append(("related_links", {"heading": "Related content", "links": [{"page": target}]}))
    linking.save_revision().publish()
    proxy.clear()

    _publish_renamed(target, "Bin collection days and times")

    purged = {path for path, host, cookie in proxy}
    assert linking.get_url_parts()[2] in purged  # it shows the old title in its related links
    assert unrelated.get_url_parts()[2] not in purged


def test_renaming_a_page_in_the_header_menu_purges_every_page(proxy, demo_pages):
    from django.test import TestCase
    from wagtail.models import Site

    from home.models import NavigationSettings

    target = InformationPage.objects.get(slug="bin-collection-days")
    navigation = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    navigation.header_links.append(("link", {"page": target}))
    with TestCase.captureOnCommitCallbacks(execute=True):  # the reference index is updated after commit
        navigation.save()
    proxy.clear()

    _publish_renamed(target, "Bin days")

    purged = {path for path, host, cookie in proxy}
    every_page = {page.get_url_parts()[2] for page in InformationPage.objects.live()}
    assert every_page <= purged


def _paths(received) -> set[str]:
    return {path for path, host, cookie in received}


def test_renaming_a_page_purges_the_pages_below_it_whose_breadcrumbs_name_it(proxy, demo_pages):
    from django.test import TestCase

    from home.models import ServiceCategoryPage

    category = ServiceCategoryPage.objects.get(slug="rubbish-and-recycling")
    below = {page.get_url_parts()[2] for page in category.get_descendants().live()}
    elsewhere = ServiceCategoryPage.objects.get(slug="parking-and-travel").get_children().live().first()
    category.save_revision().publish()
    # The new title is saved in a draft, then more drafts, and published later, as
    # editors often do: the revision before the published one has the new title too.
    category.title = "Bins, rubbish and recycling"
    category.save_revision()
    category.summary = "Collections, recycling centres and reporting problems."
    category.save_revision()
    proxy.clear()

    with TestCase.captureOnCommitCallbacks(execute=True):
        category.get_latest_revision().publish()

    assert below and below <= _paths(proxy)
    assert elsewhere.get_url_parts()[2] not in _paths(proxy)


def test_publishing_a_page_under_the_same_title_leaves_the_pages_below_it_in_the_proxy(proxy, demo_pages):
    from home.models import ServiceCategoryPage

    category = ServiceCategoryPage.objects.get(slug="rubbish-and-recycling")
    child = category.get_children().live().first()
    category.summary = "Collections, recycling centres and reporting problems."
    _publish_renamed(category, category.title)  # the same title: only the summary changed

    assert category.get_url_parts()[2] in _paths(proxy)
    assert child.get_url_parts()[2] not in _paths(proxy)


def test_unpublishing_a_page_purges_the_pages_below_it(proxy, demo_pages):
    from django.test import TestCase

    from home.models import ServiceCategoryPage

    category = ServiceCategoryPage.objects.get(slug="rubbish-and-recycling")
    below = {page.get_url_parts()[2] for page in category.get_descendants().live()}
    proxy.clear()

    with TestCase.captureOnCommitCallbacks(execute=True):
        category.unpublish()

    assert below and below <= _paths(proxy)
