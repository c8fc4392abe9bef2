"""Replace personal data in free text with a marker before it is stored.

The patterns are deliberately generous (a false "[postcode removed]" costs little; a
stored card number costs a lot). Order matters: card numbers are found before phone
numbers, so a long digit run is judged by the Luhn check first."""

import re

MARKERS = {
    "email": "[email address removed]",
    "card": "[card number removed]",
    "ni_number": "[National Insurance number removed]",
    "phone": "[phone number removed]",
    "postcode": "[postcode removed]",
}

EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+\s*(?:@|\(at\)|\[at\])\s*[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

# 13 to 19 digits, optionally split by single spaces or hyphens (as printed on cards).
CARD_CANDIDATE = re.compile(r"(?<![\d])\d(?:[ -]?\d){12,18}(?![\d])")

# Two letters, six digits, a suffix A to D; spaces where people put them. Any two
# letters, not just the issued prefixes: "QQ 12 34 56 C" looks like one to a reader.
NI_NUMBER = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE)

# UK numbers: 0 or +44 / 0044 (optionally "(0)"), then 9 or 10 more digits with
# spaces, hyphens, dots or brackets between them.
PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s.\-()]{0,2}\d){8,9}(?![\d])")

# The full shape of a UK postcode, either case, with or without the space.
POSTCODE = re.compile(
    r"\b(?:GIR\s?0AA|(?:[A-PR-UWYZ][0-9]{1,2}|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}|[A-PR-UWYZ][0-9][A-HJKPSTUW]"
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])\s?[0-9][ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _cards(text: str, found: set[str]) -> str:
    def replace(match: re.Match) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        if 13 <= len(digits) <= 19 and luhn_valid(digits):
            found.add("card")
            return MARKERS["card"]
        return match.group(0)

    return CARD_CANDIDATE.sub(replace, text)


def redact(text: str) -> tuple[str, list[str]]:
    """Return the text with personal data replaced, and the kinds that were found."""
    if not text:
        return text, []
    found: set[str] = set()

    def substitute(kind: str, pattern: re.Pattern, value: str) -> str:
        result, count = pattern.subn(MARKERS[kind], value)
        if count:
            found.add(kind)
        return result

    text = substitute("email", EMAIL, text)
    text = _cards(text, found)
    text = substitute("ni_number", NI_NUMBER, text)
    text = substitute("phone", PHONE, text)
    text = substitute("postcode", POSTCODE, text)
    return text, sorted(found)
