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


@hooks.register("register_admin_urls")
def register_report_urls():
    patterns = []
    for report in reports.REPORTS:
        patterns.append(path(report.route, report.as_view(), name=report.name))
        patterns.append(
            path(f"{report.route}results/", report.as_view(results_only=True), name=f"{report.name}_results")
        )
    return [path("reports/search/", include((patterns, reports.URL_NAMESPACE), namespace=reports.URL_NAMESPACE))]


class _AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("site_search.view_searchevent")


def _menu_item(report, order):
    return _AnalyticsMenuItem(
        report.page_title, reverse(report.index_url_name), name=f"search-{report.name}", icon_name="search", order=order
    )


for _order, _report in enumerate(reports.REPORTS):
    hooks.register("register_reports_menu_item", lambda r=_report, o=_order: _menu_item(r, 900 + o))
