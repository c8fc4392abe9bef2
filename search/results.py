"""The result shape both backends return."""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Hit:
    key: str
    title: str
    url: str
    summary: str
    snippet_html: str  # already escaped, with <mark> around matched words
    content_type: str
    section: str
    date: datetime | None = None


@dataclass
class SearchOutcome:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestion: str = ""  # "did you mean", when the query looks misspelt
    corrected_from: str = ""  # the query as typed, when results are for a corrected one
    corrected_to: str = ""  # the corrected query those results are for
    backend: str = "database"
