from io import StringIO

import pytest
from django.core.management import call_command

from search.models import BestBet, SearchEntry, SynonymGroup


@pytest.mark.django_db
def test_the_demo_loads_synonyms_and_promoted_results_once_and_indexes_the_pages(client):
    call_command("load_demo", stdout=StringIO())
    counts = SynonymGroup.objects.count(), BestBet.objects.count(), SearchEntry.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert (SynonymGroup.objects.count(), BestBet.objects.count(), SearchEntry.objects.count()) == counts
    assert counts[0] >= 5 and counts[2] >= 3
    html = client.get("/search/", {"q": "missed bin"}).content.decode()
    assert "Recommended" in html and "Bins and recycling" in html
