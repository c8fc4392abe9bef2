"""The demo council's synonyms and promoted results, then a fresh index. Idempotent."""

from wagtail.models import Page

from search.indexing import index_rebuild
from search.models import BestBet, SynonymGroup

SYNONYMS = [
    ("bin, refuse, rubbish, waste", "Residents say all four for household waste."),
    ("tip, recycling centre, household waste recycling centre, dump", "The tip is the recycling centre."),
    ("council tax, ctax", "Common abbreviation."),
    ("flytipping, fly tipping, dumped rubbish, illegal dumping", "Reports of dumped waste."),
    ("parking fine, parking ticket, penalty charge notice, pcn", "Parking penalties."),
    ("pothole, potholes, road defect", "Road repairs."),
    ("benefits, housing benefit, council tax reduction, council tax support", "Help with costs."),
    ("nursery, childcare, early years", "Care for young children."),
    ("pot hole, pothole", "Residents often write it as two words."),
    ("opening hours, opening times", "Residents use both."),
    ("moving house, moving home", "Residents use both."),
    ("council house, council home", "Residents use both for a council tenancy."),
    ("sofa, furniture", "The most common bulky item residents search for."),
    ("planning enforcement, planning breach", "The service's name in other councils."),
    ("hmo, house in multiple occupation", "Landlords search for the abbreviation."),
    ("building regs, building regulations", "Common abbreviation."),
    ("foi, freedom of information", "Common abbreviation."),
]

BEST_BETS = [
    (["missed bin", "bin not collected"], "bins-and-recycling", "Report a missed bin within 2 working days."),
    (["pay council tax", "council tax"], "council-tax", "Direct Debit, online or by phone."),
]


def load(*, stdout, style):
    for terms, notes in SYNONYMS:
        SynonymGroup.objects.update_or_create(terms=terms, defaults={"notes": notes})
    for queries, slug, description in BEST_BETS:
        page = Page.objects.filter(slug=slug, depth__gt=1).order_by("depth").first()
        if page is None:
            continue
        bet, _ = BestBet.objects.get_or_create(page=page, defaults={"queries": "\n".join(queries)})
        bet.queries = "\n".join(queries)
        bet.description = description
        bet.live = True
        bet.save()
    count = index_rebuild()
    stdout.write(style.SUCCESS(f"Search: {len(SYNONYMS)} synonym groups, {count} pages and documents indexed."))
