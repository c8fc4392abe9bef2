"""A few hundred "Is this page useful?" answers over the last 8 weeks on whatever
live pages exist, so the review screens have something to show. Deterministic (a
fixed seed) and idempotent: it adds nothing when feedback already exists."""

import random
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from reporting.feedback.models import Answer, FeedbackResponse, Status
from reporting.feedback.redaction import redact

TOTAL = 360
WEEKS = 8

PROBLEMS = [
    ("Find out my bin day", "The collection calendar would not load for my street, SW1A 1AA."),
    ("Report a missed bin", "My bin was not collected on Tuesday. Please call me on 07700 900123."),
    ("Pay my council tax", "The payment page said my card 4111 1111 1111 1111 was declined."),
    ("Check my council tax band", "There is no link to the band checker."),
    ("Apply for a parking permit", "It asked for my National Insurance number QQ 12 34 56 C but I do not know why."),
    ("Contact the council", "I emailed jo.bloggs@example.com's query three weeks ago and heard nothing."),
    ("Find opening times", "The opening hours are different on the poster in the library."),
    ("Book bulky waste", "The price is not shown until the last step."),
]
NO_REASONS = [
    ("", "Too much text, I could not find what I needed."),
    ("Find out what to do", "The page does not say what happens next."),
    ("", "The information is out of date."),
    ("Check the rules", "It uses words I do not understand."),
    ("", ""),
]


def _live_pages() -> list[Page]:
    return list(Page.objects.live().public().filter(depth__gte=2).order_by("path").specific())


def load(*, stdout, style) -> None:
    if FeedbackResponse.objects.exists():
        stdout.write("  page feedback already present: no demo answers added")
        return
    pages = [(page, page.get_url()) for page in _live_pages()]
    pages = [(page, url) for page, url in pages if url]
    if not pages:
        stdout.write("  no live pages: no demo feedback added")
        return
    rng = random.Random(9)  # noqa: S311 - demo data, not security
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    usefulness = {page.pk: rng.uniform(0.35, 0.95) for page, _ in pages}
    # One page gets worse in the last week, so the week-on-week view has a story.
    falling = pages[min(1, len(pages) - 1)][0].pk
    rows = []
    for n in range(TOTAL):
        page, url = pages[n % len(pages)] if n < len(pages) * 3 else rng.choice(pages)
        age = timedelta(minutes=rng.randint(30, WEEKS * 7 * 24 * 60 - 30))
        useful = usefulness[page.pk]
        if page.pk == falling:
            useful = 0.25 if age < timedelta(days=7) else 0.85
        roll = rng.random()
        doing = went_wrong = ""
        if roll < useful:
            answer = Answer.YES
        elif roll < useful + (1 - useful) * 0.75:
            answer = Answer.NO
            doing, went_wrong = rng.choice(NO_REASONS)
        else:
            answer = Answer.PROBLEM
            doing, went_wrong = rng.choice(PROBLEMS)
        doing, kinds_a = redact(doing)
        went_wrong, kinds_b = redact(went_wrong)
        status = Status.NEW
        if age > timedelta(days=14) and answer != Answer.YES:
            status = rng.choice([Status.ACTIONED, Status.NO_ACTION, Status.NEW])
        rows.append(
            FeedbackResponse(
                page=page,
                page_revision_id=page.live_revision_id,
                path=url,
                created_at=now - age,
                answer=answer,
                doing=doing,
                went_wrong=went_wrong,
                redacted=sorted(set(kinds_a) | set(kinds_b)),
                status=status,
                status_changed_at=(now - age + timedelta(days=3)) if status != Status.NEW else None,
            )
        )
    FeedbackResponse.objects.bulk_create(rows)
    stdout.write(f"  {len(rows)} page feedback answers on {len(pages)} pages over the last {WEEKS} weeks")
