"""What the visitor typed, and the plain text and marked snippets shown back."""

import html
import re
import unicodedata
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
SNIPPET_CHARS = 240

WORD = re.compile(r"\w+", re.UNICODE)
# Not worth a <mark>, nor required on SQLite: PostgreSQL's "english" ignores these words too.
STOP_WORDS = {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it"}
STOP_WORDS |= {"of", "on", "or", "the", "to", "with"}
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|td|th|caption|blockquote)>|<br\s*/?>", re.IGNORECASE)


@dataclass
class Query:
    """What the visitor typed, cleaned: the words searched for and what was dropped."""

    text: str
    terms: list
    truncated: bool

    @classmethod
    def parse(cls, raw):
        raw = (raw or "").strip()
        truncated = len(raw) > MAX_QUERY_LENGTH
        text = raw[:MAX_QUERY_LENGTH]
        terms = []
        for word in WORD.findall(text.lower()):
            if word not in terms:
                terms.append(word)
        truncated = truncated or len(terms) > MAX_TERMS
        return cls(text=text, terms=terms[:MAX_TERMS], truncated=truncated)


def plain_text(html_text):
    # A space after each block, so "</p><p>" does not glue two sentences together.
    spaced = BLOCK_END.sub(lambda match: match.group() + " ", html_text or "")
    return " ".join(html.unescape(strip_tags(spaced)).split())


def _pattern(terms):
    """Words starting with a search term, or with its stem, so "visas" marks "Visa"."""
    stems = set()
    terms = [term for term in terms if term not in STOP_WORDS] or terms
    for term in terms:
        stems.add(term)
        for suffix in ("ing", "es", "ed", "s"):
            if term.endswith(suffix) and len(term) - len(suffix) >= 3:
                stems.add(term[: -len(suffix)])
                break
    alternatives = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE | re.UNICODE)


def snippet(texts, terms):
    """Escaped plain text around the first match, the matched words in <mark>.

    Everything comes from the stored text and is escaped here; only the <mark> tags this
    function adds are markup, so the result is safe to render.
    """
    pattern = _pattern(terms) if terms else None
    plain_texts = [t for t in (" ".join((text or "").split()) for text in texts) if t]
    chosen, start = (plain_texts[0] if plain_texts else ""), 0
    if pattern:
        for text in plain_texts:
            match = pattern.search(text)
            if match:
                chosen, start = text, match.start()
                break
    if start > SNIPPET_CHARS // 3:
        # Start at a word boundary a little before the match, so it reads as a sentence.
        cut = chosen.rfind(" ", 0, start - SNIPPET_CHARS // 4)
        chosen = "… " + chosen[cut + 1 :]
    if len(chosen) <= SNIPPET_CHARS:
        # What Truncator returns for a text this short, without its walk over each letter.
        chosen = unicodedata.normalize("NFC", chosen)
    else:
        chosen = Truncator(chosen).chars(SNIPPET_CHARS)
    # The standard library's escape: Django's is the same on a str, behind a lazy-text check.
    escape = html.escape
    if not pattern:
        return mark_safe(escape(chosen))
    marked, last = [], 0
    for match in pattern.finditer(chosen):
        marked.append(escape(chosen[last : match.start()]))
        marked.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    marked.append(escape(chosen[last:]))
    return mark_safe("".join(marked))
