"""Background work for Elasticsearch, so publishing never waits on the search cluster."""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def elasticsearch_sync(*, keys: list[str], delete: bool = False) -> None:
    from search import elastic
    from search.models import SearchEntry

    entries = [] if delete else list(SearchEntry.objects.filter(key__in=keys))
    missing = set(keys) - {e.key for e in entries}
    try:
        elastic.entries_sync(entries=entries, deleted_keys=sorted(missing))
    except elastic.SearchUnavailable:
        logger.warning("Elasticsearch unavailable: %d entries not synced; rebuild the index later", len(keys))


@task()
def elasticsearch_publish_synonyms() -> None:
    from search import elastic
    from search.synonyms import synonym_groups

    try:
        elastic.synonyms_publish(groups=synonym_groups())
    except elastic.SearchUnavailable:
        logger.warning("Elasticsearch unavailable: synonyms not published")
