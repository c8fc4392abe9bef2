import pytest
from wagtail.models import Page, Site

from home.models import HomePage, InformationPage


def _publish(parent, **fields):
    page = InformationPage(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def public_site(db):
    """A council home page as the default site's root."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2, slug="home").update(slug="wagtail-welcome")
    home = HomePage(title="Borsetshire Council", slug="home")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    Page.objects.filter(depth=2, slug="wagtail-welcome").delete()
    return home


@pytest.fixture
def publish(public_site):
    """Publish an information page (under the home page unless a parent is given)."""

    def make(title, summary="", body="", parent=None, slug=None):
        blocks = [("paragraph", f"<p>{body}</p>")] if body else []
        return _publish(parent or public_site, title=title, slug=slug or None, summary=summary, body=blocks)

    return make


@pytest.fixture
def demo_council(demo_pages):
    """The demo council as `make run` loads it: the public pages (home loader), the
    e-forms' service pages, the staff intranet, then the search loader's synonyms,
    promoted results and index."""
    import io

    from django.core.management.color import no_style

    from intranet import demo as intranet_demo
    from search import demo as search_demo
    from services.forms import demo as forms_demo

    for loader in (forms_demo, intranet_demo, search_demo):
        loader.load(stdout=io.StringIO(), style=no_style())
    return Site.objects.get(is_default_site=True)
