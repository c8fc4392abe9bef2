"""Site search: the embedded index, the editors' synonyms and best bets, and the
anonymous analytics of what residents search for."""

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.search import index

from search.analysis import normalise_query, parse_synonym_line


class SearchEntry(index.Indexed, models.Model):
    """One thing residents can find: a live public page or a public document.

    This is the embedded (database) index: Wagtail's database search backend indexes
    these rows, weighting the title above the summary above the body. The same rows
    are the source of the Elasticsearch documents, so both backends see one shape.
    """

    KIND_PAGE = "page"
    KIND_DOCUMENT = "document"

    key = models.CharField(max_length=64, unique=True)  # "page:42", "document:7"
    kind = models.CharField(max_length=16, db_index=True)
    object_id = models.PositiveBigIntegerField()
    site_id = models.PositiveIntegerField(null=True, db_index=True)
    url = models.CharField(max_length=500)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    content_type = models.CharField(max_length=80, db_index=True)
    section = models.CharField(max_length=255, blank=True, db_index=True)
    date = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # PostgreSQL only: title (A), summary (B) and body (D) as one weighted tsvector with
    # a GIN index (migration 0002), so searches stay fast at tens of thousands of entries.
    search_vector = SearchVectorField(null=True, editable=False)

    search_auto_update = False  # search.indexing writes the index itself
    search_fields = [
        index.SearchField("title", boost=10),
        index.SearchField("emphasis", boost=3),
        index.SearchField("body"),
        index.FilterField("site_id"),
        index.FilterField("content_type"),
        index.FilterField("section"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name_plural = "search entries"

    def __str__(self):
        return self.title

    def emphasis(self) -> str:
        """Text weighted above the body. SQLite's full-text ranking has no per-field
        weights, so repetition gives the title and summary their place there too."""
        return f"{self.title} {self.title} {self.summary} {self.summary}"


class IndexedTerm(models.Model):
    """The vocabulary of indexed words, for matching word forms ("bins" and "bin")
    and correcting misspellings ("recyling" to "recycling") on the database backend."""

    term = models.CharField(max_length=64, unique=True)
    stem = models.CharField(max_length=64, db_index=True)
    documents = models.PositiveIntegerField(default=0)
    length = models.PositiveSmallIntegerField(db_index=True)

    def __str__(self):
        return self.term


class SynonymGroup(models.Model):
    """Words residents use for the same thing: a search for one finds the others."""

    terms = models.CharField(
        max_length=500,
        unique=True,
        help_text='Words or phrases that mean the same, separated by commas: "bin, refuse, rubbish, waste".',
    )
    notes = models.CharField(max_length=255, blank=True, help_text="Why these belong together (for other editors).")
    updated_at = models.DateTimeField(auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("notes")]

    class Meta:
        ordering = ["terms"]
        verbose_name = "synonym group"

    def __str__(self):
        return self.terms

    def term_list(self) -> list[str]:
        return parse_synonym_line(self.terms)

    def clean(self):
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": "Give at least two words or phrases, separated by commas."})
        self.terms = ", ".join(self.term_list())


class BestBet(models.Model):
    """A result editors promote to the top for particular searches."""

    queries = models.TextField(
        help_text="Searches this result is promoted for, one per line (case and spacing do not matter)."
    )
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+", help_text="A page."
    )
    external_url = models.URLField(blank=True, help_text="Or a link elsewhere, when there is no page.")
    title = models.CharField(max_length=255, blank=True, help_text="Leave blank to use the page's title.")
    description = models.CharField(max_length=300, blank=True)
    live = models.BooleanField(default=True, help_text="Untick to stop promoting this result.")
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        HelpPanel(content="Promoted results appear above the others when a resident's search matches exactly."),
        FieldPanel("queries"),
        FieldPanel("page"),
        FieldPanel("external_url"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("live"),
    ]

    class Meta:
        verbose_name = "promoted result"

    def __str__(self):
        return self.display_title() or self.external_url

    def query_list(self) -> list[str]:
        return [q for q in (normalise_query(line) for line in self.queries.splitlines()) if q]

    def display_title(self) -> str:
        if self.title:
            return self.title
        return self.page.title if self.page_id else ""

    def target_url(self) -> str:
        if self.page_id:
            return self.page.get_url() or ""
        return self.external_url

    def clean(self):
        if not self.query_list():
            raise ValidationError({"queries": "Give at least one search."})
        if bool(self.page_id) == bool(self.external_url):
            raise ValidationError("Choose a page or give a link, not both.")
        if self.external_url and not self.title:
            raise ValidationError({"title": "A link elsewhere needs a title."})
        self.queries = "\n".join(self.query_list())


class BestBetQuery(models.Model):
    """One normalised search a best bet answers (kept in step by the best bet's save)."""

    best_bet = models.ForeignKey(BestBet, on_delete=models.CASCADE, related_name="query_rows")
    query = models.CharField(max_length=200, db_index=True)

    def __str__(self):
        return self.query


class SearchEvent(models.Model):
    """One search, anonymously: the redacted normalised query, how many results, the day.

    No user, session, address or time of day is stored."""

    query = models.CharField(max_length=200, db_index=True)
    results = models.PositiveIntegerField()
    day = models.DateField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["day", "query"])]

    def __str__(self):
        return f"{self.query} ({self.results})"


class SearchClick(models.Model):
    """A result a resident chose for a search (anonymous, like ``SearchEvent``)."""

    query = models.CharField(max_length=200, db_index=True)
    url = models.CharField(max_length=500)
    title = models.CharField(max_length=255)
    position = models.PositiveSmallIntegerField(help_text="1 for the first result on the first page.")
    promoted = models.BooleanField(default=False)
    day = models.DateField(db_index=True)

    def __str__(self):
        return f"{self.query} -> {self.url}"
