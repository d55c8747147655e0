"""Keys that nearly every page reads are read with the content version, in one round trip,
and an app registers its key once however often its ready() runs."""

from django.core.cache import cache
from django.test import RequestFactory

from pages.data import chrome_key
from publishing import content_version, rendered


def test_the_menus_key_is_read_with_the_version_once_a_request():
    cache.set(content_version.KEY, "v-test")
    cache.set(chrome_key(), "menus as stored")
    request = RequestFactory().get("/")
    assert rendered.read_with_version(request, chrome_key()) == ("v-test", "menus as stored")
    cache.set(chrome_key(), "changed later")  # read already: the request keeps what it read
    assert rendered.read_with_version(request, chrome_key()) == ("v-test", "menus as stored")
    cache.delete_many([content_version.KEY, chrome_key()])


def test_a_second_ready_registers_nothing_more():
    registered = list(rendered._read_with_version_keys)
    assert registered.count(chrome_key) == 1  # pages' ready()
    assert rendered.read_with_version_key(chrome_key) is chrome_key
    assert rendered._read_with_version_keys == registered
