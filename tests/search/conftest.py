import pytest
from wagtail.models import Page, Site

from home.models import HomePage, InformationPage
from search.indexing import index_rebuild
from search.models import SynonymGroup
from tests.search.council_pages import PAGES, SYNONYMS


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
def council_pages(public_site):
    """Realistic council pages in sections, with the synonyms residents need; indexed."""
    for line in SYNONYMS:
        SynonymGroup.objects.create(terms=line)
    sections: dict[str, Page] = {}
    pages = {}
    for section, slug, title, summary, body in PAGES:
        if section not in sections:
            sections[section] = _publish(public_site, title=section, summary=f"Information about {section.lower()}.")
        pages[slug] = _publish(
            sections[section], title=title, slug=slug, summary=summary, body=[("paragraph", f"<p>{body}</p>")]
        )
    index_rebuild()
    return pages
