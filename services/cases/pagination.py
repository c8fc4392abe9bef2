"""Pages of a long queue without counting every row behind it."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class BoundedPaginator(Paginator):
    """Counts at most ``limit`` rows: past that the queue says "more than" and offers
    pages up to the limit. Counting all 200,000 open cases on every page view would
    cost more than reading the page; nobody pages that far, they filter."""

    def __init__(self, object_list, per_page, *, limit: int, **kwargs):
        self.limit = limit
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def _bounded_count(self) -> int:
        # COUNT(*) over a LIMITed subquery: stops reading after limit + 1 rows.
        return self.object_list.order_by()[: self.limit + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._bounded_count, self.limit)

    @property
    def more_than_limit(self) -> bool:
        return self._bounded_count > self.limit
