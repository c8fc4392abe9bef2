"""The public search page (GOV.UK search pattern) and the result-click redirect."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET
from wagtail.models import Site

from search import operations, selectors
from search.analysis import MAX_QUERY_LENGTH, content_words, normalise_query
from search.forms import SearchForm
from search.models import BestBet, SearchEntry

PER_PAGE = 10
MAX_PAGE = 100


@require_GET
def search(request):
    form = SearchForm(request.GET)
    form.is_valid()
    raw = str(request.GET.get("q", ""))
    query = normalise_query(raw)
    too_long = len(" ".join(raw.split())) > MAX_QUERY_LENGTH
    page_number = (form.cleaned_data.get("page") if form.is_valid() else None) or 1
    page_number = min(page_number, MAX_PAGE)
    content_types = form.cleaned_data.get("content_type") or [] if form.is_valid() else []
    sections = form.cleaned_data.get("section") or [] if form.is_valid() else []
    site = Site.find_for_request(request)
    has_words = bool(content_words(query))

    outcome = None
    best_bets = []
    page_obj = None
    if has_words:

        def run(number):
            return selectors.site_search(
                query=query,
                site_id=site.pk if site else None,
                content_types=content_types,
                sections=sections,
                offset=(number - 1) * PER_PAGE,
                size=PER_PAGE,
            )

        outcome = run(page_number)
        if outcome.total and (page_number - 1) * PER_PAGE >= outcome.total:
            page_number = (outcome.total - 1) // PER_PAGE + 1
            outcome = run(page_number)
        best_bets = selectors.best_bets_for(query=query) if page_number == 1 else []
        if page_number == 1 and not content_types and not sections:
            operations.search_event_record(query=query, results=outcome.total)
        paginator = Paginator(range(outcome.total), PER_PAGE)  # each backend pages itself
        if outcome.total:
            page_obj = paginator.get_page(page_number)

    def link(**changes):
        params = {"q": query, "content_type": content_types, "section": sections, "page": page_number}
        params.update(changes)
        return "?" + urlencode({k: v for k, v in params.items() if v not in ("", [], None, 1)}, doseq=True)

    pagination = None
    if page_obj and page_obj.paginator.num_pages > 1:
        pagination = {
            "previous": link(page=page_obj.previous_page_number()) if page_obj.has_previous() else "",
            "next": link(page=page_obj.next_page_number()) if page_obj.has_next() else "",
            "pages": [
                {"number": n, "url": link(page=n), "current": n == page_number}
                if n != Paginator.ELLIPSIS
                else {"ellipsis": True}
                for n in page_obj.paginator.get_elided_page_range(page_number, on_each_side=1, on_ends=1)
            ],
        }

    def facet_options(name, chosen):
        counts = dict(outcome.facets.get(name, [])) if outcome else {}
        options = [{"value": v, "count": n, "checked": v in chosen} for v, n in counts.items()]
        options += [{"value": v, "count": 0, "checked": True} for v in chosen if v not in counts]
        return options

    first = (page_number - 1) * PER_PAGE
    hits = []
    if outcome:
        for n, hit in enumerate(outcome.hits, start=first + 1):
            hits.append({"hit": hit, "click_url": "/search/go/?" + urlencode({"q": query, "to": hit.key, "n": n})})
    context = {
        "query": query,
        "too_long": too_long,
        "has_words": has_words,
        "outcome": outcome,
        "hits": hits,
        "best_bets": [
            {"bet": bet, "click_url": "/search/go/?" + urlencode({"q": query, "bet": bet.id})} for bet in best_bets
        ],
        "content_type_options": facet_options("content_type", content_types),
        "section_options": facet_options("section", sections),
        "filtered": bool(content_types or sections),
        "clear_filters_url": link(content_type=[], section=[], page=1),
        "pagination": pagination,
        "first": first + 1,
        "last": first + len(hits),
    }
    if outcome and outcome.suggestion:
        context["suggestion_url"] = "?" + urlencode({"q": outcome.suggestion})
    return TemplateResponse(request, "search/results.html", context)


@require_GET
def go(request):
    """Count a chosen result, then send the resident to it. Only indexed addresses and
    promoted results are redirect targets, so this is no open redirect."""
    query = str(request.GET.get("q", ""))
    try:
        position = int(request.GET.get("n", "0"))
    except ValueError:
        position = 0
    if request.GET.get("bet"):
        try:
            bet = get_object_or_404(BestBet, pk=int(request.GET["bet"]), live=True)
        except ValueError as error:
            raise Http404 from error
        url, title, promoted = bet.target_url(), bet.display_title(), True
    else:
        entry = SearchEntry.objects.filter(key=str(request.GET.get("to", ""))[:64]).first()
        if entry is None:
            raise Http404
        url, title, promoted = entry.url, entry.title, False
    if not url:
        raise Http404
    operations.search_click_record(query=query, url=url, title=title, position=position, promoted=promoted)
    return HttpResponseRedirect(url)
