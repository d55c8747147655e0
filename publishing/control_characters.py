"""Control characters: what single-line text may not hold, and how to drop them from text
that is already stored (a title written before the rule, or by SQL)."""

import re

# C0 (TAB included), DEL, C1, and the Unicode line and paragraph separators, which
# str.splitlines() and some mail and JavaScript readers also take for a line break.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text):
    """The text with control characters made spaces, and runs of spaces one: safe for a
    mail subject or a header, whatever an older row or another path has stored."""
    return " ".join(CONTROL.sub(" ", str(text)).split())
