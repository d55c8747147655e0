"""What a visitor reads on /search/: the results' headings, their links and the page."""

import html
import re

from django.urls import reverse

RESULT = re.compile(r'<h2><a href="([^"]*)">(.*?)</a></h2>', re.DOTALL)


def search(client, **params):
    return client.get(reverse("search"), params)


def results(response):
    """[(heading as shown, link)] of the listed results, in order."""
    page = response.content.decode()
    if 'class="card-list search-results"' not in page:
        return []
    listed = page.split('class="card-list search-results"', 1)[1].split("</ol>", 1)[0]
    return [(html.unescape(text), html.unescape(href)) for href, text in RESULT.findall(listed)]


def titles(response):
    return [text for text, _href in results(response)]
