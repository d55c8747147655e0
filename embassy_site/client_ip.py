"""The address a request really came from, for django-axes (AXES_CLIENT_IP_CALLABLE).

Behind nginx every request arrives from 127.0.0.1, so the client's address must come from a
header the front server overwrites (deploy/nginx sets X-Real-IP). A header is believed only
when REMOTE_ADDR is one of the trusted front servers (FORWARDED_ALLOW_IPS, the same list
gunicorn trusts): anyone else could write any address in it and make each guess look new.
"""

import ipaddress

from django.conf import settings


def _trusted(address):
    proxies = settings.TRUSTED_PROXY_IPS
    if "*" in proxies:
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    if settings.CLIENT_IP_HEADERS and _trusted(remote):
        for header in settings.CLIENT_IP_HEADERS:
            value = request.META.get(header, "")
            # The right-most entry of a list is the one the trusted proxy itself wrote.
            address = _address(value.split(",")[-1]) if value else None
            if address:
                return address
    return _address(remote) or remote
