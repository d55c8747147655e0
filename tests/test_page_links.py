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
