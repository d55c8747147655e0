"""One outbound link asked for over HTTP, never inside the embassy's own network.

A link in a notice is written by staff, so the checker could be pointed at the machine
itself, the office network or a cloud metadata address. Only http and https are asked
for; every address a host name resolves to must be public, and the connection goes to
one of exactly those addresses (a second lookup could answer differently). Redirects are
followed by hand, each hop checked the same way. Hosts in LINK_CHECK_ALLOW_HOSTS (the
tests' local server) are asked for whatever they resolve to.
"""

import http.client
import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

from django.conf import settings

from .models import INTERNAL, NOT_WEB

MAX_HOPS = 5


class NotChecked(Exception):
    """The link was not asked for; its text is what the link check records."""


def _internal(ip):
    address = ipaddress.ip_address(ip.split("%", 1)[0])  # an IPv6 zone ("%eth0") aside
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def _addresses(host, port):
    """The addresses to connect to; NotChecked if any of them is internal."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    found = list(dict.fromkeys(info[4][0] for info in infos))
    allowed = {name.lower() for name in getattr(settings, "LINK_CHECK_ALLOW_HOSTS", [])}
    if host.lower() not in allowed:
        for ip in found:
            if _internal(ip):
                detail = ip if host == ip else f"{host} is {ip}"
                raise NotChecked(f"{INTERNAL} ({detail})")
    return found


class _Pinned(http.client.HTTPConnection):
    """Connects to the addresses already checked, not to a fresh lookup of the name."""

    addresses = ()

    def connect(self):
        error = OSError(f"no address for {self.host}")
        for ip in self.addresses:
            try:
                self.sock = socket.create_connection((ip, self.port), self.timeout)
                return
            except OSError as failure:
                error = failure
        raise error


class _PinnedTLS(http.client.HTTPSConnection, _Pinned):
    """TLS on top (HTTPSConnection.connect calls _Pinned.connect), the name verified."""


def _one(url, method, timeout, headers):
    """(status, Location) of one request to ``url``, not following a redirect."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise NotChecked(NOT_WEB)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    kind = _PinnedTLS if parts.scheme == "https" else _Pinned
    connection = kind(parts.hostname, port, timeout=timeout)
    connection.addresses = _addresses(parts.hostname, port)
    try:
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request(method, path, headers=headers)
        response = connection.getresponse()
        status, location = response.status, response.getheader("Location", "")
        response.close()  # the body is not wanted
        return status, location
    finally:
        connection.close()


def follow(url, method, timeout, headers):
    """(status, first Location, where the redirects end, its status) for one link.

    Without redirects the last two are ``url`` and ``status``; a chain longer than
    MAX_HOPS ends where it was given up, with status None.
    """
    status, location = _one(url, method, timeout, headers)
    first_status, first_location = status, location
    here, hops = url, 0
    while 300 <= status < 400 and location:
        if hops == MAX_HOPS:
            return first_status, first_location, here, None
        here, hops = urljoin(here, location), hops + 1
        status, location = _one(here, method, timeout, headers)
    return first_status, first_location, here, status
