"""Editor HTML is cleaned with nh3 before it is stored, so templates may mark it safe.

An ``<img>`` stays only when it shows a file of the site's own image library (its ``src`` a
path under /images/ that an image or rendition holds) and says what it shows: a non-empty
``alt``, or ``alt=""`` for an image the library marks decorative. Anything else (another
host, data: or script addresses, a missing alt) is removed whole. The library is asked
through ``IMAGE_FINDERS``, which the images app fills in ready(): publishing knows no app.

An ``<a>`` keeps ``data-page`` only as the picker writes it, "app_label.model:pk" of a
registered page type (publishing.page_links), so what renders it can trust its form.
"""

import re

import nh3

from .page_links import parse as parse_reference

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "strong", "em", "b", "i", "u",
    "s", "sub", "sup", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "caption",
    "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "data-page"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "img": {"src", "alt", "width", "height", "data-image-id"},
}
URL_SCHEMES = {"http", "https", "mailto"}
IMAGE_PATH = "/images/"
# Functions of a path ("/images/3f2a.webp") giving the image it shows, or None.
IMAGE_FINDERS = []

_NUMBER = re.compile(r"^[0-9]{1,5}$")
_SAFE_PATH = re.compile(r"^/images/[A-Za-z0-9_\-/]+\.[a-z0-9]{2,5}$")
# nh3's output quotes every attribute with " and escapes " inside it, so this reads it.
_IMG = re.compile(r'<img((?:\s+[a-z-]+="[^"]*")*)\s*/?>')
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


def _attribute(element, attribute, value):
    if element == "a" and attribute == "data-page":
        return value if parse_reference(value) is not None else None
    if element != "img":
        return value
    if attribute in ("width", "height", "data-image-id"):
        return value if _NUMBER.match(value) else None
    if attribute == "src":
        return value if _SAFE_PATH.match(value) and ".." not in value else None
    return value


def _find_image(src):
    for finder in IMAGE_FINDERS:
        found = finder(src)
        if found is not None:
            return found
    return None


def _keep_img(match):
    attributes = dict(_ATTRIBUTE.findall(match.group(1)))
    src, alt = attributes.get("src"), attributes.get("alt")
    if not src or alt is None:
        return ""
    image = _find_image(src)
    if image is None:
        return ""
    if not alt.strip() and not image.decorative:
        return ""  # an empty alt hides an image that says something
    return match.group(0)


def clean_html(value: str) -> str:
    """Keep the allow-listed structure; drop scripts, styles, iframes and event handlers."""
    if not value:
        return ""
    cleaned = nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _IMG.sub(_keep_img, cleaned).strip()
