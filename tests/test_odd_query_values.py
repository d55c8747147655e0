"""Odd ``?page=`` and ``?q=`` values on every public page type: a page or a 404, never a 500.

``str.isdigit()`` is true for superscripts and other scripts' digits, which ``int()`` then
refuses or reads as another number; every value below once could, or still could, reach it.
"""

from urllib.parse import urlencode

import pytest

from .public_content import PAGE_TYPES, public_pages

pytestmark = pytest.mark.django_db

ODD_VALUES = ["²", "⁵", "٣", "２", "\x00", "1\x00", "9" * 40, "1e3", "-0", "-1", "0", " 1", "1.0"]
ODD_VALUES += ["", "last", "１٢", "x" * 5000]


@pytest.mark.parametrize("name", ["page", "q"])
def test_odd_values_never_break_a_public_page(client, name):
    client.raise_request_exception = False
    paths = public_pages()
    assert set(paths) == set(PAGE_TYPES)
    failures = []
    for page_type, path in paths.items():
        for value in ODD_VALUES:
            url = path + ("&" if "?" in path else "?") + urlencode({name: value})
            status = client.get(url).status_code
            expected = {200, 404} if page_type != "404" else {404}
            if status not in expected:
                failures.append(f"{page_type} {url!r}: {status}")
    assert not failures, "\n".join(failures)


def test_a_non_ascii_page_number_is_not_found(client):
    paths = public_pages()
    for value in ["٣", "２", "²"]:
        assert client.get(paths["notices-list"], {"page": value}).status_code == 404
    assert client.get(paths["notices-list"], {"page": "1"}).status_code == 200
