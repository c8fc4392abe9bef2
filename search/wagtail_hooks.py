from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from search import reports
from search.models import BestBet, SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = "Synonyms"
    list_display = ["terms", "notes", "updated_at"]
    search_fields = ["terms", "notes"]
    add_to_admin_menu = False


class BestBetViewSet(SnippetViewSet):
    model = BestBet
    icon = "pick"
    menu_label = "Promoted results"
    list_display = ["__str__", "queries", "live", "updated_at"]
    list_filter = ["live"]
    search_fields = ["queries", "title", "description"]


class SearchViewSetGroup(SnippetViewSetGroup):
    menu_label = "Search"
    menu_icon = "search"
    menu_order = 400
    items = (SynonymGroupViewSet, BestBetViewSet)


register_snippet(SearchViewSetGroup)

REPORTS = [
    ("top", "top-searches/", reports.TopQueriesReport, "Top searches"),
    ("zero", "no-results/", reports.ZeroResultsReport, "Searches with no results"),
    ("clicks", "results-chosen/", reports.ClicksReport, "Search results chosen"),
    ("trend", "trend/", reports.WeeklyTrendReport, "Search trend by week"),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    patterns = []
    for name, route, view, _label in REPORTS:
        patterns.append(path(route, view.as_view(), name=name))
        patterns.append(path(f"{route}results/", view.as_view(results_only=True), name=f"{name}_results"))
    return [path("reports/search/", include((patterns, "site_search_reports"), namespace="site_search_reports"))]


class _AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("site_search.view_searchevent")


def _menu_item(name, label, order):
    return _AnalyticsMenuItem(
        label, reverse(f"site_search_reports:{name}"), name=f"search-{name}", icon_name="search", order=order
    )


for _order, (_name, _route, _view, _label) in enumerate(REPORTS):
    hooks.register("register_reports_menu_item", lambda n=_name, lab=_label, o=_order: _menu_item(n, lab, 900 + o))
