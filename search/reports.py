"""Search analytics screens for the comms team (Wagtail report views with CSV export).

Each report names its rows' fields once, with their headings: the table's columns, the
export's columns and its headings all come from that list, and its URLs from its name.
"""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from search import selectors

URL_NAMESPACE = "site_search_reports"


class SearchReport(ReportView):
    """A report over anonymous search analytics; staff need "view search event"."""

    header_icon = "search"
    name = ""  # its URL name (and "<name>_results" for the results-only view)
    route = ""  # its address under /admin/reports/search/
    fields: list[tuple[str, str]] = []  # (field, heading): shown and exported
    export_only: list[tuple[str, str]] = []  # (field, heading): exported only
    days = 30

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.index_url_name = f"{URL_NAMESPACE}:{cls.name}"
        cls.index_results_url_name = f"{URL_NAMESPACE}:{cls.name}_results"
        cls.columns = [Column(field, label=heading) for field, heading in cls.fields]
        cls.list_export = [field for field, _ in cls.fields + cls.export_only]
        cls.export_headings = dict(cls.fields + cls.export_only)
        cls.export_filename = cls.route.strip("/")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("site_search.view_searchevent"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_days(self) -> int:
        try:
            return max(1, min(int(self.request.GET.get("days", self.days)), 3650))
        except ValueError:
            return self.days

    def get_index_url(self):
        return reverse(self.index_url_name)

    def get_index_results_url(self):
        return reverse(self.index_results_url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["days"] = self.get_days()
        return context

    def get_queryset(self):
        return self.rows(days=self.get_days())

    def rows(self, *, days: int):
        raise NotImplementedError


class TopQueriesReport(SearchReport):
    page_title = "Top searches"
    name, route = "top", "top-searches/"
    fields = [
        ("query", "Search"),
        ("searches", "Searches"),
        ("last_results", "Results"),
        ("clicks", "Results chosen"),
        ("last_searched", "Last searched"),
    ]

    def rows(self, *, days):
        return selectors.top_queries(days=days)


class ZeroResultsReport(SearchReport):
    page_title = "Searches with no results"
    name, route = "zero", "no-results/"
    fields = [("query", "Search"), ("searches", "Searches"), ("last_searched", "Last searched")]

    def rows(self, *, days):
        return selectors.zero_result_queries(days=days)


class ClicksReport(SearchReport):
    page_title = "Search results chosen"
    name, route = "clicks", "results-chosen/"
    fields = [
        ("query", "Search"),
        ("title", "Result chosen"),
        ("url", "Address"),
        ("clicks", "Times chosen"),
        ("best_position", "Lowest position"),
    ]
    export_only = [("promoted", "Chosen as promoted result")]

    def rows(self, *, days):
        return selectors.clicked_results(days=days)


class WeeklyTrendReport(SearchReport):
    page_title = "Search trend by week"
    name, route = "trend", "trend/"
    days = 84
    fields = [
        ("week", "Week beginning"),
        ("searches", "Searches"),
        ("zero_results", "With no results"),
        ("clicks", "Results chosen"),
        ("click_rate", "Chosen per 100 searches"),
    ]

    def rows(self, *, days):
        return selectors.weekly_trend(weeks=max(1, days // 7))


REPORTS = [TopQueriesReport, ZeroResultsReport, ClicksReport, WeeklyTrendReport]
