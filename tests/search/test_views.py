"""The public results page: GOV.UK search pattern, bad input, filters, pagination,
promoted results, spelling and the anonymous click redirect."""

import pytest

from search.models import BestBet, SearchClick, SearchEvent, SynonymGroup


@pytest.fixture
def pages(publish):
    waste = publish("Bins and recycling", summary="Waste services.")
    tax = publish("Council tax", summary="Paying for local services.")
    made = {
        "missed": publish(
            "Report a missed bin collection", summary="Tell us if your bin was not emptied.", parent=waste
        ),
        "bulky": publish("Bulky waste collection", summary="Book a collection of large items.", parent=waste),
        "centre": publish("Household waste recycling centres", summary="Opening times of the tip.", parent=waste),
        "pay": publish("Pay your council tax", summary="Pay by Direct Debit.", parent=tax),
    }
    return made


def get(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_results_page_shows_the_count_the_results_and_where_they_are(client, pages):
    html = get(client, q="bin")
    assert "1 result<" in html or "2 results" in html
    assert "Report a missed bin collection" in html
    assert "Information in Bins and recycling" in html
    assert "<mark>bin</mark>" in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "!!!",
        "?*:",
        '"council tax',
        "(bin) AND [tax]",
        "title:bin",
        "bin*",
        "x" * 5000,
        "\x00\x01",
        "NOT",
        "-",
    ],
)
def test_bad_input_gives_a_normal_page(client, pages, query):
    html = get(client, q=query)
    assert "Search" in html


def test_a_very_long_query_is_shortened_with_a_message(client, pages):
    html = get(client, q="council tax " * 100)
    assert "we used the first 200 characters" in html


def test_an_empty_query_suggests_what_to_search_for(client, pages):
    assert "Enter what you are looking for" in get(client, q="")


def test_query_syntax_is_searched_as_words(client, pages):
    assert "Pay your council tax" in get(client, q='"council" (tax):*')


def test_nonsense_finds_nothing_helpfully(client, pages):
    html = get(client, q="zzqxv")
    assert "No results for" in html and "checking your spelling" in html


def test_filters_by_content_type_and_section_with_counts(client, pages):
    html = get(client, q="collection")
    assert "Bins and recycling (2)" in html
    html = get(client, q="pay", section="Council tax")
    assert "Pay your council tax" in html
    html = get(client, q="collection", section="Council tax")
    assert "No results for" in html and "removing the filters" in html
    assert "Information (" in get(client, q="collection", content_type="Information")


def test_unknown_filter_values_are_harmless(client, pages):
    html = get(client, q="bin", content_type="<script>alert(1)</script>", section="x" * 300)
    assert "<script>alert(1)</script>" not in html


def test_pagination_pages_through_results(client, publish):
    for n in range(23):
        publish(f"Planning application {n}", summary="A planning application.")
    first = get(client, q="planning")
    assert "23 results" in first and "Showing 1 to 10 of 23" in first
    assert 'rel="next"' in first and "page=2" in first
    third = get(client, q="planning", page=3)
    assert "Showing 21 to 23 of 23" in third and 'rel="prev"' in third
    assert "Showing" in get(client, q="planning", page="999") or "No results" in get(client, q="planning", page=999)
    assert get(client, q="planning", page="abc")


def test_misspellings_are_corrected(client, pages):
    html = get(client, q="recyling centre")
    assert "Showing results for <strong>recycling centre</strong>" in html
    assert "Household waste recycling centres" in html


def test_editors_synonyms_take_effect_straight_away(client, pages):
    assert "Household waste recycling centres" not in get(client, q="dump")
    SynonymGroup.objects.create(terms="dump, tip")
    assert "Household waste recycling centres" in get(client, q="dump")


def test_best_bets_appear_above_results_for_their_queries(client, pages):
    bet = BestBet(queries="Missed Bin\nbin not emptied", page=pages["missed"], description="Report it online.")
    bet.full_clean()
    bet.save()
    html = get(client, q="  missed   BIN ")
    assert "Recommended" in html and "Report it online." in html
    assert html.index("Recommended") < html.index('id="search-results"')
    assert "Recommended" not in get(client, q="bin")
    bet.live = False
    bet.save()
    assert "Recommended" not in get(client, q="missed bin")


def test_choosing_a_result_counts_the_click_and_redirects(client, pages):
    html = get(client, q="bulky")
    assert "/search/go/?q=bulky&amp;to=page" in html
    key = f"page:{pages['bulky'].pk}"
    response = client.get("/search/go/", {"q": "bulky", "to": key, "n": 1})
    assert response.status_code == 302 and response["Location"] == pages["bulky"].url
    click = SearchClick.objects.get()
    assert (click.query, click.title, click.position, click.promoted) == ("bulky", "Bulky waste collection", 1, False)


def test_the_click_redirect_goes_only_to_indexed_pages(client, pages):
    assert client.get("/search/go/", {"to": "https://evil.example/"}).status_code == 404
    assert client.get("/search/go/", {"bet": "nope"}).status_code == 404
    assert client.get("/search/go/", {"bet": "999"}).status_code == 404
    assert not SearchClick.objects.exists()


def test_searches_are_recorded_without_personal_data(client, pages):
    get(client, q="Council Tax")
    get(client, q="council tax for jo@example.com 07700 900123 AB1 2CD ref 12345678")
    get(client, q="zzqxv")
    rows = list(SearchEvent.objects.order_by("pk").values_list("query", "results"))
    assert rows[0] == ("council tax", 2) or rows[0][0] == "council tax"
    assert rows[1][0] == "council tax for [email] [phone] [postcode] ref [number]"
    assert rows[2] == ("zzqxv", 0)
    fields = {f.name for f in SearchEvent._meta.get_fields()}
    assert fields == {"id", "query", "results", "day"}


def test_the_header_has_a_search_box_on_every_page(client, pages):
    html = client.get("/").content.decode()
    assert 'action="/search/"' in html and 'name="q"' in html
