"""Text analysis shared by both backends: normalising queries, splitting words,
a light English stemmer, stop words, and redacting personal data from queries.

The Elasticsearch index does its own analysis (``search/elasticsearch.py``); the
database backend uses these functions to expand queries, so that "bins" finds
"bin" and "recycling" finds "recycled" on SQLite as well as PostgreSQL.
"""

import functools
import re
import unicodedata

MAX_QUERY_LENGTH = 200

WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

STOP_WORDS = frozenset(
    """a about an and are as at be by can do does for from get go have how i if in is it
    me my near of on or our please the to want what when where which who why will with you your
    i'm i've""".split()
)

_EMAIL_RE = re.compile(r"\S+@\S+")
_PHONE_RE = re.compile(r"(?:\+?44|0)(?:[\s-]?\d){9,10}\b")
_POSTCODE_RE = re.compile(r"\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b", re.IGNORECASE)
_LONG_NUMBER_RE = re.compile(r"\b\d{6,}\b")


def normalise_query(raw: str | None) -> str:
    """The query as typed, tidied: unicode folded, lower case, single spaces, capped."""
    text = unicodedata.normalize("NFKC", raw or "")
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = " ".join(text.lower().split())
    return text[:MAX_QUERY_LENGTH].strip()


def redact_query(query: str) -> str:
    """The query with anything that could identify a person replaced, for analytics:
    email addresses, phone numbers, postcodes and long numbers (references, card numbers)."""
    query = _EMAIL_RE.sub("[email]", query)
    query = _PHONE_RE.sub("[phone]", query)
    query = _POSTCODE_RE.sub("[postcode]", query)
    query = _LONG_NUMBER_RE.sub("[number]", query)
    return query


def words(text: str) -> list[str]:
    """Lower-case words of a text, without punctuation."""
    return WORD_RE.findall(text.lower().replace("\u2019", "'"))


def content_words(text: str) -> list[str]:
    """The words of a query that carry meaning (stop words dropped, unless that leaves nothing)."""
    found = words(text)
    kept = [word for word in found if word not in STOP_WORDS]
    return kept or found


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A light English stemmer (plural and -ing/-ed endings), enough to match "bins"
    with "bin" and "recycling" with "recycled"; both sides of a match use it."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith(("ches", "shes", "xes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if not any(vowel in base for vowel in "aeiouy"):
                break
            if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            word = base
            break
    if word.endswith(("tion", "sion")) and len(word) > 6:
        word = word[:-3]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def parse_synonym_line(line: str) -> list[str]:
    """ "bin, refuse, rubbish" -> ["bin", "refuse", "rubbish"] (normalised, no empties)."""
    terms = [" ".join(words(part)) for part in line.split(",")]
    return list(dict.fromkeys(term for term in terms if term))
