"""Keep the index current as pages and documents change.

Publishing, unpublishing, moving, deleting and changing view restrictions all
refresh the affected entries (a move or a restriction covers the whole subtree)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import indexing
from search.models import BestBet, SynonymGroup


def _published(sender, instance, **kwargs):
    indexing.page_refresh(page_id=instance.pk)


def _unpublished(sender, instance, **kwargs):
    indexing.page_refresh(page_id=instance.pk, descendants=True)


def _moved(sender, instance, **kwargs):
    indexing.page_refresh(page_id=instance.pk, descendants=True)


def _page_deleted(sender, instance, **kwargs):
    indexing.entry_remove(key=indexing.page_key(instance.pk))


def _restriction_changed(sender, instance, **kwargs):
    if instance.page_id:
        indexing.page_refresh(page_id=instance.page_id, descendants=True)


def _collection_restriction_changed(sender, instance, **kwargs):
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is None:
        return
    collections = Collection.objects.descendant_of(collection, inclusive=True)
    for document_id in get_document_model().objects.filter(collection__in=collections).values_list("pk", flat=True):
        indexing.document_refresh(document_id=document_id)


def _document_saved(sender, instance, **kwargs):
    if not kwargs.get("raw"):
        indexing.document_refresh(document_id=instance.pk)


def _document_deleted(sender, instance, **kwargs):
    indexing.entry_remove(key=indexing.document_key(instance.pk))


def _synonyms_changed(sender, instance, **kwargs):
    from search.synonyms import synonyms_changed

    synonyms_changed()


def _best_bet_saved(sender, instance, **kwargs):
    from search.operations import best_bet_queries_sync

    best_bet_queries_sync(best_bet=instance)


def register() -> None:
    from wagtail.documents import get_document_model

    page_published.connect(_published, dispatch_uid="site_search_published")
    page_unpublished.connect(_unpublished, dispatch_uid="site_search_unpublished")
    post_page_move.connect(_moved, dispatch_uid="site_search_moved")
    # Specific page types send post_delete with their own class; catch every one.
    post_delete.connect(_any_deleted, dispatch_uid="site_search_deleted")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="site_search_restriction_saved")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="site_search_restriction_gone")
    from wagtail.models import CollectionViewRestriction

    for signal, uid in ((post_save, "saved"), (post_delete, "gone")):
        signal.connect(
            _collection_restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"site_search_collection_restriction_{uid}",
        )
    document_model = get_document_model()
    post_save.connect(_document_saved, sender=document_model, dispatch_uid="site_search_document_saved")
    post_delete.connect(_document_deleted, sender=document_model, dispatch_uid="site_search_document_deleted")
    post_save.connect(_synonyms_changed, sender=SynonymGroup, dispatch_uid="site_search_synonyms_saved")
    post_delete.connect(_synonyms_changed, sender=SynonymGroup, dispatch_uid="site_search_synonyms_deleted")
    post_save.connect(_best_bet_saved, sender=BestBet, dispatch_uid="site_search_best_bet_saved")


def _any_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is Page:
        _page_deleted(sender, instance, **kwargs)
