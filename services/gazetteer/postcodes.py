"""UK postcode format: checking and normalising. Re-exported by ``selectors``."""

import re

# The UK postcode format (outward code A9, A99, AA9, AA99, A9A or AA9A; inward code 9AA),
# with the letters each position may hold, plus the Girobank special case. A format
# check only: it does not say the postcode exists. The demo borough's "BC" area passes
# the check but is fictional: no real postcode area is called BC.
_OUTWARD = (
    r"(?:[A-PR-UWYZ][0-9]{1,2}"  # A9, A99
    r"|[A-PR-UWYZ][A-HK-Y][0-9]{1,2}"  # AA9, AA99
    r"|[A-PR-UWYZ][0-9][A-HJKPSTUW]"  # A9A
    r"|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])"  # AA9A
)
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
_POSTCODE = re.compile(rf"^(?:(?P<out>{_OUTWARD})(?P<in>{_INWARD})|(?P<gir>GIR0AA))$")
_NOT_POSTCODE_CHARACTERS = re.compile(r"[\s\-\.]+")


def normalise_postcode(text: str) -> str | None:
    """ "sw1a1aa" -> "SW1A 1AA"; None when the text is not in the UK postcode format."""
    if not isinstance(text, str):
        return None
    compact = _NOT_POSTCODE_CHARACTERS.sub("", text).upper()
    if not 5 <= len(compact) <= 7:
        return None
    match = _POSTCODE.match(compact)
    if match is None:
        return None
    if match["gir"]:
        return "GIR 0AA"
    return f"{match['out']} {match['in']}"
