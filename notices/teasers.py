"""A notice's teaser in lists: its summary, with an ellipsis only where text was cut."""

import re
from html import unescape

from django.utils.html import strip_tags

ELLIPSES = ("…", "...")
# A full stop, question or exclamation mark, perhaps inside closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*$")


def plain_text(html):
    return " ".join(unescape(strip_tags(html)).split())


def teaser(summary, body):
    """The summary as lists show it, before the "Read more" link.

    An ellipsis says that the text goes on, so it is dropped after a full sentence ("Forum.…"
    in the seed) and where the body says nothing more. It stays, or is added, where the
    summary stops mid-sentence: marked so by the editor, or as the opening of the body.
    """
    text, marked = summary.strip(), False
    while text.endswith(ELLIPSES):
        text = text.removesuffix("…").removesuffix("...").rstrip()
        marked = True
    if not text or SENTENCE_END.search(text):
        return text
    full = plain_text(body)
    if not full or full == text:
        return text
    return f"{text}…" if marked or full.startswith(text) else text
