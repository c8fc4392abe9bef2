"""Pages of a long queue without counting every row behind it."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class BoundedPaginator(Paginator):
    """Reads at most ``limit`` + 1 matching ids instead of counting every match: past the
    limit the queue says "more than" and offers pages up to it (nobody pages through
    200,000 open cases; they filter). Within the limit, the page is then read by those
    ids, so a narrow filter or a search never walks a big index in the sort's order
    looking for its few rows."""

    def __init__(self, object_list, per_page, *, limit: int, **kwargs):
        self.limit = limit
        self._read_by_ids = False
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def _first_ids(self) -> list:
        # No ORDER BY: the database takes whichever index answers the filters fastest.
        return list(self.object_list.order_by().values_list("pk", flat=True)[: self.limit + 1])

    @cached_property
    def count(self) -> int:
        return min(len(self._first_ids), self.limit)

    @property
    def more_than_limit(self) -> bool:
        return len(self._first_ids) > self.limit

    def page(self, number):
        if not self.more_than_limit and not self._read_by_ids:
            self.object_list = self.object_list.filter(pk__in=self._first_ids)
            self._read_by_ids = True
        return super().page(number)
