"""What goes into the search index, and keeping it current.

Pages declare their searchable text by a convention, so ``search`` imports no app
and never lists page types:

- ``search_summary`` (attribute, property or method): the text weighted above the
  body; otherwise the page's ``summary``, ``introduction`` or ``search_description``;
- ``search_body`` (method): the body text; otherwise the text of every StreamField and
  rich text field, and of the page's other ``search_fields``;
- ``search_content_type``: the label of the "content type" filter; otherwise the
  model's verbose name without "page" ("Guide", "News", "Event");
- ``search_exclude = True`` keeps a page type out of site search.

Only live pages in a Wagtail ``Site``, with no view restriction on them or their
ancestors, are indexed; site root pages are not. Documents are indexed by title and,
for plain text and CSV files, their text, unless their collection is private.
"""

import logging
from collections import Counter
from collections.abc import Callable, Iterable

from django.contrib.postgres.search import SearchVector, SearchVectorCombinable, SearchVectorField
from django.db import transaction
from django.db.models import F, Func
from django.utils.html import strip_tags
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search import index as wagtail_index

from search.analysis import stem, words
from search.models import IndexedTerm, SearchEntry
from search.vocabulary import index_changed

logger = logging.getLogger(__name__)

MAX_BODY_CHARS = 50_000
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
TEXT_EXTENSIONS = {"txt", "csv"}
_PAGE_BASE_FIELDS = {"title", "seo_title", "search_description", "slug", "url_path"}


# --- Building entries --------------------------------------------------------------


def _value(obj, name):
    value = getattr(obj, name, None)
    return value() if callable(value) else value


def _clean(text) -> str:
    return " ".join(strip_tags(str(text or "")).split())


def page_summary(page) -> str:
    for name in ("search_summary", "summary", "introduction", "search_description"):
        value = _value(page, name)
        if value:
            return _clean(value)
    return ""


def block_text(block, value) -> list[str]:
    """Searchable text of a StreamField value, leaving out choices (such as a heading's
    level), which are settings rather than words a resident reads."""
    from wagtail import blocks

    if isinstance(block, blocks.ChoiceBlock | blocks.BooleanBlock):
        return []
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in block_text(child.block, child.value)]
    if isinstance(block, blocks.StructBlock):
        return [text for name, child in block.child_blocks.items() for text in block_text(child, value.get(name))]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in block_text(block.child_block, item)]
    return [str(text) for text in block.get_searchable_content(value)]


def page_body(page) -> str:
    if hasattr(page, "search_body"):
        return _clean(_value(page, "search_body"))[:MAX_BODY_CHARS]
    texts: list[str] = []
    summary_names = {"summary", "introduction", "search_summary"}
    seen = set()
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            texts.extend(block_text(field.stream_block, getattr(page, field.name)))
            seen.add(field.name)
        elif isinstance(field, RichTextField):
            texts.append(getattr(page, field.name))
            seen.add(field.name)
    for search_field in page.get_search_fields():
        name = getattr(search_field, "field_name", "")
        if not isinstance(search_field, wagtail_index.SearchField) or name in seen:
            continue
        if name in _PAGE_BASE_FIELDS or name in summary_names:
            continue
        value = search_field.get_value(page)
        if isinstance(value, str):
            texts.append(value)
    return _clean(" ".join(str(t) for t in texts))[:MAX_BODY_CHARS]


def page_content_type(page) -> str:
    label = _value(page, "search_content_type")
    if label:
        return str(label)
    name = str(page._meta.verbose_name)
    if name.lower().endswith(" page") and len(name) > 5:
        name = name[:-5]
    return name[:1].upper() + name[1:]


def page_is_public(page, site: Site | None) -> bool:
    """Live, in a site, not a site root, not restricted, not excluded by its type."""
    if site is None or not page.live or page.depth <= site.root_page.depth:
        return False
    if not page.path.startswith(site.root_page.path):
        return False
    if getattr(page.specific_class, "search_exclude", False):
        return False
    ancestor_paths = [page.path[:i] for i in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    return not PageViewRestriction.objects.filter(page__path__in=ancestor_paths).exists()


def page_section(page, site: Site) -> str:
    section_path = page.path[: len(site.root_page.path) + Page.steplen]
    if section_path == page.path:
        return page.title
    section = Page.objects.filter(path=section_path).only("title").first()
    return section.title if section else ""


def page_entry_data(page) -> dict | None:
    """The fields of a page's entry, or None when it must not be in public search."""
    site = page.get_site()
    if not page_is_public(page, site):
        return None
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page.specific
    url = page.get_url(request=None, current_site=site) or page.url_path
    return {
        "kind": SearchEntry.KIND_PAGE,
        "object_id": page.pk,
        "site_id": site.pk,
        "url": url[:500],
        "title": page.title[:255],
        "summary": page_summary(page),
        "body": page_body(page),
        "content_type": page_content_type(page)[:80],
        "section": page_section(page, site)[:255],
        "date": page.last_published_at or page.first_published_at,
    }


def document_text(document) -> str:
    extension = (document.file_extension or "").lower()
    if extension not in TEXT_EXTENSIONS:
        return ""
    try:
        with document.file.open("rb") as handle:
            raw = handle.read(MAX_DOCUMENT_BYTES)
    except OSError:
        return ""
    return _clean(raw.decode("utf-8", errors="ignore").replace(",", " "))[:MAX_BODY_CHARS]


def document_is_public(document) -> bool:
    from wagtail.models import CollectionViewRestriction

    collection = document.collection
    paths = [collection.path[:i] for i in range(collection.steplen, len(collection.path) + 1, collection.steplen)]
    return not CollectionViewRestriction.objects.filter(collection__path__in=paths).exists()


def document_entry_data(document) -> dict | None:
    if not document_is_public(document):
        return None
    default_site = Site.objects.filter(is_default_site=True).first()
    extension = (document.file_extension or "").upper()
    return {
        "kind": SearchEntry.KIND_DOCUMENT,
        "object_id": document.pk,
        "site_id": default_site.pk if default_site else None,
        "url": document.url[:500],
        "title": document.title[:255],
        "summary": f"{extension} document" if extension else "Document",
        "body": document_text(document),
        "content_type": "Document",
        "section": "",
        "date": document.created_at,
    }


# --- Writing entries -----------------------------------------------------------------


def _entry_terms(data: dict) -> set[str]:
    return set(words(f"{data['title']} {data['summary']} {data['body']}"))


def vocabulary_add(*, terms: Iterable[str]) -> None:
    """Record indexed words (for word forms and spelling suggestions)."""
    terms = {t for t in terms if 1 < len(t) <= 64}
    if not terms:
        return
    existing = set(IndexedTerm.objects.filter(term__in=terms).values_list("term", flat=True))
    IndexedTerm.objects.bulk_create(
        [IndexedTerm(term=t, stem=stem(t), documents=1, length=len(t)) for t in terms - existing],
        ignore_conflicts=True,
    )
    if existing:
        IndexedTerm.objects.filter(term__in=existing).update(documents=F("documents") + 1)
    _index_changed()


def _wagtail_backend_searched() -> bool:
    """Wagtail's search backend answers site searches on SQLite; on PostgreSQL
    ``search_vector`` does (docs/decisions/0005), so Wagtail's index is not written."""
    from django.db import connection

    return connection.vendor != "postgresql"


def _index_changed() -> None:
    # Now, and again once committed, so no search in between caches the old answers.
    index_changed()
    transaction.on_commit(index_changed)


class _StrippedVector(SearchVectorCombinable, Func):
    """``strip(vector)``: the words without their positions (and so without weights)."""

    function = "strip"
    output_field = SearchVectorField()


def vectors_update(queryset) -> None:
    """On PostgreSQL, (re)compute the weighted tsvector of these entries: the title's
    words (weight A) and the summary's (B) with their positions, and the body's words
    stripped of positions (D). Ranking reads this column for every match, and without
    body positions it stays small enough to live in the row instead of out-of-line
    storage, which made ranking a broad search several times slower."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    queryset.update(
        search_vector=SearchVector("title", weight="A", config="english")
        + SearchVector("summary", weight="B", config="english")
        + _StrippedVector(SearchVector("body", config="english"))
    )


def _push_to_elasticsearch(keys: list[str], *, delete: bool = False) -> None:
    from django.conf import settings

    if not settings.ELASTICSEARCH_URL:
        return
    from search.tasks import elasticsearch_sync

    elasticsearch_sync.enqueue(keys=keys, delete=delete)


@transaction.atomic
def entry_save(*, key: str, data: dict | None) -> SearchEntry | None:
    """Create, update or (when ``data`` is None) remove one entry, in both indexes."""
    if data is None:
        entry_remove(key=key)
        return None
    entry, _ = SearchEntry.objects.update_or_create(key=key, defaults=data)
    vectors_update(SearchEntry.objects.filter(pk=entry.pk))
    if _wagtail_backend_searched():
        wagtail_index.insert_or_update_object(entry)
    vocabulary_add(terms=_entry_terms(data))
    _index_changed()
    _push_to_elasticsearch([key])
    return entry


@transaction.atomic
def entry_remove(*, key: str) -> None:
    for entry in SearchEntry.objects.filter(key=key):
        if _wagtail_backend_searched():
            wagtail_index.remove_object(entry)
        entry.delete()
        _index_changed()
    _push_to_elasticsearch([key], delete=True)


def page_key(page_id: int) -> str:
    return f"page:{page_id}"


def document_key(document_id: int) -> str:
    return f"document:{document_id}"


def page_refresh(*, page_id: int, descendants: bool = False) -> None:
    """Bring a page's entry (and optionally its descendants') in line with the page."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        entry_remove(key=page_key(page_id))
        return
    pages = Page.objects.descendant_of(page, inclusive=True) if descendants else [page]
    for each in pages:
        entry_save(key=page_key(each.pk), data=page_entry_data(each))


def document_refresh(*, document_id: int) -> None:
    from wagtail.documents import get_document_model

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        entry_remove(key=document_key(document_id))
        return
    entry_save(key=document_key(document_id), data=document_entry_data(document))


# --- Rebuilding ------------------------------------------------------------------------


def _all_entry_data() -> Iterable[tuple[str, Callable[[], dict | None]]]:
    from wagtail.documents import get_document_model

    for page in Page.objects.filter(live=True, depth__gt=1).order_by("path").iterator():
        yield page_key(page.pk), (lambda page=page: page_entry_data(page))
    for document in get_document_model().objects.select_related("collection").order_by("pk").iterator():
        yield document_key(document.pk), (lambda document=document: document_entry_data(document))


def index_rebuild(*, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the database index (and Elasticsearch's, by alias switch) from scratch.
    ``progress(done, total)`` is called as it goes. Returns the number of entries."""
    from wagtail.documents import get_document_model

    total = Page.objects.filter(live=True, depth__gt=1).count() + get_document_model().objects.count()
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    keep: list[str] = []
    vocabulary: Counter[str] = Counter()
    done = 0
    with transaction.atomic():
        for key, build in _all_entry_data():
            data = build()
            done += 1
            if data is not None:
                SearchEntry.objects.update_or_create(key=key, defaults=data)
                keep.append(key)
                vocabulary.update(_entry_terms(data))
            if progress:
                progress(done, total)
        for stale in SearchEntry.objects.exclude(key__in=keep).iterator():
            if _wagtail_backend_searched():
                wagtail_index.remove_object(stale)
            stale.delete()
        vectors_update(SearchEntry.objects.all())
        entries = list(SearchEntry.objects.defer("search_vector"))
        if _wagtail_backend_searched():
            for start in range(0, len(entries), 500):
                backend.add_bulk(SearchEntry, entries[start : start + 500])
        IndexedTerm.objects.all().delete()
        IndexedTerm.objects.bulk_create(
            [
                IndexedTerm(term=t, stem=stem(t), documents=n, length=len(t))
                for t, n in vocabulary.items()
                if 1 < len(t) <= 64
            ],
            batch_size=1000,
        )
        _index_changed()
    from django.conf import settings

    if settings.ELASTICSEARCH_URL:
        from search.elastic import index_rebuild as es_rebuild

        es_rebuild(entries=SearchEntry.objects.all())
    return len(keep)
