"""``{% picture image sizes="..." %}``: a <picture> with WebP first and an <img> that knows
its size before it loads, so the page does not move when it arrives.

Options: ``sizes`` (default "100vw"), ``eager=True`` for a lead image above the fold (no
lazy loading, fetched with high priority), ``ratio="16:9"`` for a crop around the focal
point (one of IMAGE_CROP_RATIOS; otherwise the whole image), ``class_`` for the <img>,
``largest=480`` for a thumbnail in a list: no rendition wider than that (or the narrowest).
The alt text is the active language's, or the English one marked ``lang="en"``.
Renditions are read through ``image.renditions.all()``, so a list prefetches them.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.translation import get_language

from publishing.translated import SOURCE, shown_language

register = template.Library()


def _pick(renditions, ratio):
    chosen = [r for r in renditions if r.ratio == ratio]
    return chosen or [r for r in renditions if r.ratio == ""]


@register.simple_tag
def picture(image, sizes="100vw", eager=False, ratio="", class_="", largest=0):
    if image is None:
        return ""
    renditions = _pick(list(image.renditions.all()), ratio)
    if largest and renditions:
        narrowest = min(r.width for r in renditions)
        renditions = [r for r in renditions if r.width <= max(largest, narrowest)]
    webp = sorted((r for r in renditions if r.format == "WEBP"), key=lambda r: r.width)
    other = sorted((r for r in renditions if r.format != "WEBP"), key=lambda r: r.width)
    fallback = other or webp
    if not fallback:
        return ""
    largest = fallback[-1]
    context = {
        "image": image,
        "webp": webp if other else [],
        "fallback": fallback,
        "src": largest,
        "sizes": sizes,
        "eager": eager,
        "class_": class_,
        "alt": "" if image.decorative else image.alt_text,
        # An attribute cannot carry its own language: the <img> does, when the alt is the
        # English one shown in place of a missing translation.
        "alt_lang": _fallback_lang(image),
    }
    return render_to_string("images/picture.html", context)


def _fallback_lang(image):
    if image.decorative:
        return ""
    language = get_language() or SOURCE
    shown = shown_language(image, "alt_text", language)
    return shown if shown != language else ""
