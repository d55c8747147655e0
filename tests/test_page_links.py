"""The pagination's addresses (embassy_site/templatetags/paging.py) are the ones Django's
``{% querystring %}`` gives, other parameters kept in their order; page 1 is the list."""

import pytest
from django.core.paginator import Paginator
from django.template import Context, RequestContext, Template
from django.test import RequestFactory

from embassy_site.templatetags.paging import page_links

QUERIES = ["", "page=3", "q=visa&page=3", "page=3&q=visa&x=1&x=2", "x=%C8%99&q=a%20b"]


@pytest.mark.parametrize("query", QUERIES)
def test_the_addresses_are_querystrings(query):
    request = RequestFactory().get(f"/en/search/?{query}")
    page = Paginator(range(100), 10).page(3)
    context = Context({"request": request, "page_obj": page, "page_range": [1, 2, 3, 4]})
    found = page_links(context)
    expected = Template("{% autoescape off %}{% querystring page=n %}{% endautoescape %}")
    for link in found["links"][1:]:
        assert link["href"] == expected.render(RequestContext(request, {"n": link["number"]}))
    first = Template("{% autoescape off %}{% querystring page=None %}{% endautoescape %}").render(
        RequestContext(request)
    )
    assert found["links"][0]["href"] == "/en/search/" + ("" if first == "?" else first)
    assert found["previous"] == found["links"][1]["href"]
    assert found["next"] == found["links"][3]["href"]
    assert [link["current"] for link in found["links"]] == [False, False, True, False]


# What includes/pagination.html rendered, byte for byte, before {% pagination %} replaced it:
# the previous and next links, the ellipses, the current page, "&" escaped in addresses.
MARKUP = (
    '\n<nav class="pagination" aria-label="Pages">\n  <ul>\n    '
    '\n    <li><a href="?q=a%22%3Cb&amp;page=4" rel="prev">Previous page</a></li>\n    \n    \n    '
    '\n    <li><a href="/en/notices/?q=a%22%3Cb">'
    '<span class="visually-hidden">Page </span>1</a></li>\n    \n    \n    '
    "\n    <li><span>…</span></li>\n    \n    \n    "
    '\n    <li><a href="?q=a%22%3Cb&amp;page=4">'
    '<span class="visually-hidden">Page </span>4</a></li>\n    \n    \n    '
    '\n    <li><a href="?q=a%22%3Cb&amp;page=5" aria-current="page">'
    '<span class="visually-hidden">Page </span>5</a></li>\n    \n    \n    '
    '\n    <li><a href="?q=a%22%3Cb&amp;page=6">'
    '<span class="visually-hidden">Page </span>6</a></li>\n    \n    \n    '
    "\n    <li><span>…</span></li>\n    \n    \n    "
    '\n    <li><a href="?q=a%22%3Cb&amp;page=15">'
    '<span class="visually-hidden">Page </span>15</a></li>\n    \n    \n    '
    '\n    <li><a href="?q=a%22%3Cb&amp;page=6" rel="next">Next page</a></li>\n    '
    "\n  </ul>\n</nav>\n\n"
)


def test_the_markup_is_the_template_s():
    request = RequestFactory().get("/en/notices/?q=a%22%3Cb&page=5")
    page = Paginator(range(150), 10).page(5)
    pages = page.paginator.get_elided_page_range(5, on_each_side=1, on_ends=1)
    context = Context({"request": request, "page_obj": page, "page_range": list(pages)})
    assert Template("{% load paging %}{% pagination %}").render(context) == MARKUP


def test_a_single_page_has_no_links():
    page = Paginator(range(5), 10).page(1)
    context = Context({"request": RequestFactory().get("/en/notices/"), "page_obj": page})
    assert Template("{% load paging %}{% pagination %}").render(context) == "\n"


def _pagination(path, number, language="en"):
    from django.utils.translation import override

    page = Paginator(range(150), 10).page(number)
    pages = list(page.paginator.get_elided_page_range(number, on_each_side=2, on_ends=1))
    context = Context(
        {"request": RequestFactory().get(path), "page_obj": page, "page_range": pages}
    )
    with override(language):
        return Template("{% load paging %}{% pagination %}").render(context)


def test_kept_markup_is_never_another_request_s():
    """The markup is kept per language, address, query and page: each asks its own."""
    english = _pagination("/en/notices/?page=2", 2)
    assert 'aria-label="Pages"' in english and 'href="?page=3"' in english
    romanian = _pagination("/en/notices/?page=2", 2, language="ro")
    assert romanian != english and 'aria-label="Pages"' not in romanian
    assert 'href="?q=visa&amp;page=3"' in _pagination("/en/search/?q=visa&page=2", 2)
    assert 'href="/ro/notices/"' in _pagination("/ro/notices/?page=2", 2)
    assert 'aria-current="page"><span class="visually-hidden">Page </span>7<' in _pagination(
        "/en/notices/?page=7", 7
    )
    assert _pagination("/en/notices/?page=2", 2) == english
