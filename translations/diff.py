"""The English changes since a translation was made, word by word, for the overview.

Words, not characters, on the text a reader sees (tags dropped): a translator wants to
know which words changed. publishing/diffs.py compares revisions; this compares the stamp's
stored English with the English now.
"""

import difflib
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe


def _words(text):
    return re.findall(r"\S+", strip_tags(text or ""))


def english_changes(before, now):
    old, new = _words(before), _words(now)
    out = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(old[a1:a2])))
            continue
        if a2 > a1:
            out.append(f"<del>{escape(' '.join(old[a1:a2]))}</del>")
        if b2 > b1:
            out.append(f"<ins>{escape(' '.join(new[b1:b2]))}</ins>")
    return mark_safe(" ".join(out))
