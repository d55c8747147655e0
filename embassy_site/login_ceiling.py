"""A slow ceiling per user across all addresses, on top of django-axes' lock per address.

django-axes locks one user from one address after AXES_FAILURE_LIMIT wrong passwords; a
botnet with many addresses could still guess one password forever. So once a user has had
LOGIN_USER_FAILURE_LIMIT wrong passwords in LOGIN_USER_WINDOW from anywhere, the password
is checked at most once per delay (LOGIN_USER_DELAY_SECONDS, doubling with every ten more
failures, at most an hour) for requests from unknown places: the rest are answered 429
"try again in N seconds" without the password being looked at, and are not counted.

The real user is never locked out by it: from a known place the ceiling does not apply, only
the lock per address. A known place is a browser that signed in as that user before (a
signed cookie set at sign-in, for the admin only) or an address that user signed in from in
the last LOGIN_KNOWN_PLACE_DAYS (django-axes' access log).
"""

import math
from datetime import timedelta

from axes.helpers import get_client_ip_address
from axes.models import AccessFailureLog, AccessLog
from django.conf import settings
from django.core import signing
from django.db.models import Count, Max
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

COOKIE = "staff_device"
SALT = "embassy.login.known-browser"
MAX_DELAY_SECONDS = 3600


def delay_seconds(failures):
    """Seconds between checked passwords for a user with ``failures`` in the window."""
    steps = (failures - settings.LOGIN_USER_FAILURE_LIMIT) // 10
    return min(settings.LOGIN_USER_DELAY_SECONDS * 2 ** min(steps, 12), MAX_DELAY_SECONDS)


def known_place(request, username):
    max_age = timedelta(days=settings.LOGIN_KNOWN_PLACE_DAYS)
    try:
        if signing.loads(request.COOKIES.get(COOKIE, ""), salt=SALT, max_age=max_age) == username:
            return True
    except signing.BadSignature:
        pass
    return AccessLog.objects.filter(
        username=username,
        ip_address=get_client_ip_address(request),
        attempt_time__gte=timezone.now() - max_age,
    ).exists()


def seconds_to_wait(request, username):
    """0 when this attempt's password may be checked, else how long until it may."""
    now = timezone.now()
    recent = AccessFailureLog.objects.filter(
        username=username, attempt_time__gte=now - settings.LOGIN_USER_WINDOW
    ).aggregate(failures=Count("id"), last=Max("attempt_time"))
    if recent["failures"] < settings.LOGIN_USER_FAILURE_LIMIT or known_place(request, username):
        return 0
    opens = recent["last"] + timedelta(seconds=delay_seconds(recent["failures"]))
    return max(0, math.ceil((opens - now).total_seconds()))


class LoginCeilingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._login = None

    def __call__(self, request):
        if self._login is None:
            self._login = reverse("admin:login")
        if request.method != "POST" or request.path != self._login:
            return self.get_response(request)
        username = request.POST.get("username", "")
        wait = seconds_to_wait(request, username) if username else 0
        if wait:
            response = render(
                request, "registration/login_wait.html", {"seconds": wait}, status=429
            )
            response["Retry-After"] = str(wait)
            return response
        response = self.get_response(request)
        if request.user.is_authenticated and request.user.get_username() == username:
            response.set_cookie(
                COOKIE,
                signing.dumps(username, salt=SALT),
                max_age=settings.LOGIN_KNOWN_PLACE_DAYS * 86400,
                path=reverse("admin:index"),
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Strict",
            )
        return response
