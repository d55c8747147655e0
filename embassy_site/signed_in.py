"""The middleware only signed-in staff need, run for every request but a visitor's.

A visitor's request (GET or HEAD, no Cookie header, outside the admin) cannot be someone
signed in: this site gives visitors no cookie, and staff sign in at the admin. Sessions,
CSRF tokens, the signed-in user, messages, the admin's address checks and the login
ceilings (settings.SIGNED_IN_MIDDLEWARE) have nothing to do for it, yet ran on every page
of the site: about a tenth of an uncached page's instructions. Every other request runs
them as Django runs its MIDDLEWARE, in their order, with their view, template-response and
exception hooks, here, where they stood last in the list.

A visitor's answer says ``Vary: Cookie``, as the session's answers do.
A visitor's request is given ``request.user``, the anonymous user, as AuthenticationMiddleware
gives it (previews and the page cache ask it); it has no ``request.session``: a public page
that wrote one would give visitors a cookie, so it fails loudly instead.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import checks
from django.core.exceptions import MiddlewareNotUsed
from django.core.handlers.exception import convert_exception_to_response
from django.utils.cache import patch_vary_headers
from django.utils.module_loading import import_string

VISITOR_METHODS = ("GET", "HEAD")
ANONYMOUS = AnonymousUser()  # holds no state of a request: one serves them all
# Django's checks of these, which look for them in MIDDLEWARE, made by ``check`` instead.
NEEDED = {
    "admin.E408": "django.contrib.auth.middleware.AuthenticationMiddleware",
    "admin.E409": "django.contrib.messages.middleware.MessageMiddleware",
    "admin.E410": "django.contrib.sessions.middleware.SessionMiddleware",
    "security.W003": "django.middleware.csrf.CsrfViewMiddleware",
    "axes.W002": "axes.middleware.AxesMiddleware",
}


def is_visitor(request, signed_in_paths=None):
    """Whether this request cannot come from someone signed in (nor sign anyone in)."""
    return (
        request.method in VISITOR_METHODS
        and not request.META.get("HTTP_COOKIE")
        and not request.path_info.startswith(signed_in_paths or settings.SIGNED_IN_PATHS)
    )


class SignedInMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._paths = tuple(settings.SIGNED_IN_PATHS)
        self._views, self._templates, self._exceptions = [], [], []
        self._chain = self._load(get_response)

    def _load(self, get_response):
        """The chain of SIGNED_IN_MIDDLEWARE around ``get_response``, and its hooks, built
        as django.core.handlers.base.BaseHandler.load_middleware builds MIDDLEWARE's."""
        handler = get_response
        for path in reversed(settings.SIGNED_IN_MIDDLEWARE):
            try:
                middleware = import_string(path)(handler)
            except MiddlewareNotUsed:
                continue
            if hasattr(middleware, "process_view"):
                self._views.insert(0, middleware.process_view)
            if hasattr(middleware, "process_template_response"):
                self._templates.append(middleware.process_template_response)
            if hasattr(middleware, "process_exception"):
                self._exceptions.append(middleware.process_exception)
            handler = convert_exception_to_response(middleware)
        return handler

    def __call__(self, request):
        if is_visitor(request, self._paths):
            request.user = ANONYMOUS
            response = self.get_response(request)
            # What a visitor got is for requests without a cookie: a shared cache in front
            # must not give it to someone signed in (their answer varies on it too).
            patch_vary_headers(response, ("Cookie",))
            return response
        return self._chain(request)

    def process_view(self, request, view, args, kwargs):
        if is_visitor(request, self._paths):
            return None
        for hook in self._views:
            response = hook(request, view, args, kwargs)
            if response is not None:
                return response
        return None

    def process_template_response(self, request, response):
        if not is_visitor(request, self._paths):
            for hook in self._templates:
                response = hook(request, response)
        return response

    def process_exception(self, request, exception):
        if is_visitor(request, self._paths):
            return None
        for hook in self._exceptions:
            response = hook(request, exception)
            if response is not None:
                return response
        return None


@checks.register(checks.Tags.security, checks.Tags.admin, deploy=False)
def check_signed_in_middleware(app_configs=None, **kwargs):
    """What Django's and django-axes's checks (silenced in settings) ask of MIDDLEWARE, asked
    of the two lists together, with AxesMiddleware last as django-axes requires."""
    both = [*settings.MIDDLEWARE, *getattr(settings, "SIGNED_IN_MIDDLEWARE", [])]
    errors = [
        checks.Error(f"{path} must be in MIDDLEWARE or SIGNED_IN_MIDDLEWARE.", id="embassy.E001")
        for path in NEEDED.values()
        if path not in both
    ]
    if both and both[-1] != NEEDED["axes.W002"]:
        errors.append(checks.Error("AxesMiddleware must come last.", id="embassy.E002"))
    return errors
