"""Search analytics screens for the comms team (Wagtail report views with CSV export)."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from search import selectors


class SearchReport(ReportView):
    """A report over anonymous search analytics; staff need "view search event"."""

    header_icon = "search"
    index_url_name = None
    index_results_url_name = None
    days = 30

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("site_search.view_searchevent"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_days(self):
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


class TopQueriesReport(SearchReport):
    page_title = "Top searches"
    index_url_name = "site_search_reports:top"
    index_results_url_name = "site_search_reports:top_results"
    columns = [
        Column("query", label="Search"),
        Column("searches", label="Searches"),
        Column("last_results", label="Results (most)"),
        Column("clicks", label="Results chosen"),
        Column("last_searched", label="Last searched"),
    ]
    list_export = ["query", "searches", "last_results", "clicks", "last_searched"]
    export_headings = {
        "query": "Search",
        "searches": "Searches",
        "last_results": "Results",
        "clicks": "Results chosen",
        "last_searched": "Last searched",
    }
    export_filename = "top-searches"

    def get_queryset(self):
        return selectors.top_queries(days=self.get_days())


class ZeroResultsReport(SearchReport):
    page_title = "Searches with no results"
    index_url_name = "site_search_reports:zero"
    index_results_url_name = "site_search_reports:zero_results"
    columns = [
        Column("query", label="Search"),
        Column("searches", label="Searches"),
        Column("last_searched", label="Last searched"),
    ]
    list_export = ["query", "searches", "last_searched"]
    export_headings = {"query": "Search", "searches": "Searches", "last_searched": "Last searched"}
    export_filename = "searches-with-no-results"

    def get_queryset(self):
        return selectors.zero_result_queries(days=self.get_days())


class ClicksReport(SearchReport):
    page_title = "Results chosen"
    index_url_name = "site_search_reports:clicks"
    index_results_url_name = "site_search_reports:clicks_results"
    columns = [
        Column("query", label="Search"),
        Column("title", label="Result chosen"),
        Column("url", label="Address"),
        Column("clicks", label="Times chosen"),
        Column("best_position", label="Lowest position"),
    ]
    list_export = ["query", "title", "url", "clicks", "best_position", "promoted"]
    export_headings = {
        "query": "Search",
        "title": "Result chosen",
        "url": "Address",
        "clicks": "Times chosen",
        "best_position": "Lowest position",
        "promoted": "Chosen as promoted result",
    }
    export_filename = "search-results-chosen"

    def get_queryset(self):
        return selectors.clicked_results(days=self.get_days())


class WeeklyTrendReport(SearchReport):
    page_title = "Search trend by week"
    index_url_name = "site_search_reports:trend"
    index_results_url_name = "site_search_reports:trend_results"
    columns = [
        Column("week", label="Week beginning"),
        Column("searches", label="Searches"),
        Column("zero_results", label="With no results"),
        Column("clicks", label="Results chosen"),
        Column("click_rate", label="Chosen per 100 searches"),
    ]
    list_export = ["week", "searches", "zero_results", "clicks", "click_rate"]
    export_headings = {
        "week": "Week beginning",
        "searches": "Searches",
        "zero_results": "With no results",
        "clicks": "Results chosen",
        "click_rate": "Chosen per 100 searches",
    }
    export_filename = "search-trend"

    def get_queryset(self):
        return selectors.weekly_trend(weeks=max(1, self.get_days() // 7))

    days = 84
