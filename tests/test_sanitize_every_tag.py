"""The sanitiser keeps no event handler, style or script address on any tag it allows.

The tags and attributes come from the sanitiser's own configuration (``publishing.
sanitize``), so allowing a new tag, or an attribute on one, is tried here without anyone
adding a case. Each tag is put where the HTML parser keeps it (a cell inside a table row),
and the test first checks that the tag survives cleaning, so it is really tried.
"""

import lxml.html
import pytest

from publishing.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, clean_html

# Event-handler content attributes of the HTML standard (GlobalEventHandlers,
# WindowEventHandlers, DocumentAndElementEventHandlers) and a few that only some browsers
# or SVG know: whatever a browser might run.
HANDLERS = """
onabort onafterprint onanimationcancel onanimationend onanimationiteration onanimationstart
onauxclick onbeforeinput onbeforematch onbeforeprint onbeforetoggle onbeforeunload onbegin
onblur oncancel oncanplay oncanplaythrough onchange onclick onclose
oncontentvisibilityautostatechange oncontextlost oncontextmenu oncontextrestored oncopy
oncuechange oncut ondblclick ondrag
ondragend ondragenter ondragleave ondragover ondragstart ondrop ondurationchange onemptied
onend onended onerror onfocus onfocusin onfocusout onformdata onfullscreenchange
onhashchange oninput oninvalid onkeydown onkeypress onkeyup onlanguagechange onload
onloadeddata onloadedmetadata onloadstart onmessage onmessageerror onmousedown
onmouseenter onmouseleave onmousemove onmouseout onmouseover onmouseup onmousewheel
onoffline ononline onpagehide onpagereveal onpageshow onpageswap onpaste onpause onplay
onplaying onpointercancel onpointerdown onpointerenter onpointerleave onpointermove
onpointerout onpointerover onpointerrawupdate onpointerup onpopstate onprogress
onratechange onrejectionhandled onrepeat onreset onresize onscroll onscrollend
onsecuritypolicyviolation onseeked onseeking onselect onselectionchange onselectstart
onslotchange onstalled onstorage onsubmit onsuspend ontimeupdate ontoggle ontouchcancel
ontouchend ontouchmove ontouchstart ontransitioncancel ontransitionend ontransitionrun
ontransitionstart onunhandledrejection onunload onvolumechange onwaiting onwheel
""".split()
SCRIPT_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java&#x09;script:alert(1)",
    "jav&#x0A;ascript:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
    "\x01javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
]
URL_ATTRIBUTES = ["href", "src", "action", "formaction", "xlink:href", "poster", "background"]
STYLES = ["color:red", "background:url(javascript:alert(1))", "x:expression(alert(1))"]

# Where the HTML parser keeps each tag: a cell only inside a row, a row inside a table...
CONTEXT = {
    "td": "<table><tbody><tr>{}</tr></tbody></table>",
    "th": "<table><tbody><tr>{}</tr></tbody></table>",
    "tr": "<table><tbody>{}</tbody></table>",
    "tbody": "<table>{}</table>",
    "thead": "<table>{}</table>",
    "caption": "<table>{}</table>",
    "li": "<ul>{}</ul>",
}
INNER = {"tr": "<td>x</td>", "tbody": "<tr><td>x</td></tr>", "thead": "<tr><th>x</th></tr>"}
# An <img> stays only showing a library image with its alt text (tests/test_sanitize_images.py
# tries what else it may hold): the tried attributes come after those, which the parser keeps.
VOID = {"br", "img"}
IMAGE = {}
TAGS = [
    pytest.param(tag, marks=pytest.mark.django_db) if tag == "img" else tag
    for tag in sorted(ALLOWED_TAGS)
]


@pytest.fixture(autouse=True)
def library_image(request):
    """A library image for <img> to show, made only for the tests that try <img>."""
    callspec = getattr(request.node, "callspec", None)
    if callspec and callspec.params.get("tag") == "img":
        from .factories import make_image

        IMAGE["src"] = make_image().renditions.first().url
    yield
    IMAGE.clear()


def element(tag, attributes):
    """The tag with the attributes (already written out), in the context that keeps it."""
    if tag == "img":
        attributes = f'src="{IMAGE["src"]}" alt="A photo" {attributes}'
    opening = f"<{tag} {attributes}>"
    html = opening if tag in VOID else f"{opening}{INNER.get(tag, 'x')}</{tag}>"
    return CONTEXT.get(tag, "{}").format(html)


def cleaned(tag, attributes):
    """The elements named ``tag`` in the cleaned HTML; the tag must have survived."""
    out = clean_html(element(tag, attributes))
    found = lxml.html.fragment_fromstring(out, create_parent="div").iter(tag)
    found = list(found)
    assert found, f"<{tag}> did not survive cleaning: {out!r}"
    return found, out


def script_like(value):
    """The value as a browser reads a URL: without the spaces and controls it skips."""
    squeezed = "".join(c for c in value if c > " ").lower()
    return "script:" in squeezed or squeezed.startswith("data:")


def test_the_handler_list_is_long_and_the_tags_are_the_sanitisers_own():
    assert len(HANDLERS) >= 60 and len(set(HANDLERS)) == len(HANDLERS)
    assert {"onclick", "onerror", "onload", "onmouseover", "onfocus", "onanimationstart"} <= set(
        HANDLERS
    )
    assert set(ALLOWED_ATTRIBUTES) <= ALLOWED_TAGS


@pytest.mark.parametrize("tag", TAGS)
def test_no_event_handler_survives_on_any_allowed_tag(tag):
    failures = []
    for handler in HANDLERS:
        for spelling in (handler, handler.upper(), handler.capitalize()):
            found, out = cleaned(tag, f'{spelling}="alert(1)"')
            if any(name.lower().startswith("on") for e in found for name in e.attrib):
                failures.append(out)
    # All at once, and written the way parsers disagree on: a slash before the name.
    found, out = cleaned(tag, " ".join(f'{h}="alert(1)"' for h in HANDLERS))
    if any(name.lower().startswith("on") for e in found for name in e.attrib):
        failures.append(out)
    out = clean_html(element(tag, '/onclick="alert(1)"'))
    if "onclick" in out.lower():
        failures.append(out)
    assert failures == []


@pytest.mark.parametrize("tag", TAGS)
def test_no_style_survives_on_any_allowed_tag(tag):
    for style in STYLES:
        found, out = cleaned(tag, f'style="{style}"')
        assert all("style" not in e.attrib for e in found), out


@pytest.mark.parametrize("tag", TAGS)
def test_no_script_or_data_address_survives_on_any_allowed_tag(tag):
    """Every attribute that holds an address, allowed on the tag or not (``href`` on <a>)."""
    failures = []
    for name in URL_ATTRIBUTES:
        for url in SCRIPT_URLS:
            found, out = cleaned(tag, f'{name}="{url}"')
            kept = [e.attrib[a] for e in found for a in URL_ATTRIBUTES if a in e.attrib]
            if any(script_like(value) for value in kept):
                failures.append(out)
    assert failures == []


def test_the_kept_attributes_keep_their_ordinary_values():
    """The refusals above are of the values, not of the attributes: these stay."""
    out = clean_html(
        '<p><a href="https://example.org/" title="More">x</a></p>'
        '<ol start="3"><li>x</li></ol>'
        '<table><tbody><tr><th scope="row" colspan="2">x</th><td rowspan="2">y</td></tr>'
        "</tbody></table>"
    )
    assert 'href="https://example.org/"' in out and 'title="More"' in out
    assert 'start="3"' in out and 'scope="row"' in out and 'rowspan="2"' in out
