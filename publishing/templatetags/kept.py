"""``{% kept "name" value ... %}…{% endkept %}``: a piece of a page rendered once and kept in
this process's memory (publishing/rendered.py), for as long as the fragment caches keep
theirs (PAGE_FRAGMENT_CACHE_SECONDS).

The key names the content version (and this process's own saves not yet committed:
publishing/kept_pages.py), the language and the values given, which must say all else
the piece shows: the page's id, and whatever of it follows the clock (``notice.is_expired``).
So no copy outlives a change, on any server; and what the clock alone changes, which no
save announces (a scheduled page a text links to appearing), shows as late as a fragment
cached for the same time would, not later. A staff preview, a staff visitor (who may see
what visitors do not) and a request with PAGE_FRAGMENT_CACHE_SECONDS at 0 render it afresh.
"""

import time

from django import template
from django.conf import settings
from django.utils.translation import get_language

from .. import content_version, rendered

register = template.Library()


class KeptNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist, self.name, self.values = nodelist, name, values

    def render(self, context):
        request = context.get("request")
        user = getattr(request, "user", None)  # none on a page of an error before the auth
        seconds = settings.PAGE_FRAGMENT_CACHE_SECONDS
        if not seconds or user is None or user.is_staff or context.get("preview"):
            return self.nodelist.render(context)
        values = tuple(value.resolve(context) for value in self.values)
        # The copies of one period: a new one starts every ``seconds``, whatever is kept.
        period = int(time.monotonic() // seconds)
        version = (rendered.version(request), content_version.saves_here(), period)
        key = ("kept", self.name.resolve(context), *version, get_language(), *values)
        return rendered.kept(key, lambda: self.nodelist.render(context))


@register.tag
def kept(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("kept takes a name and the values it depends on")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )
