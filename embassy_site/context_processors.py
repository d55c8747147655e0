from django.conf import settings


def site(request):
    """The embassy's name for the header, footer and titles of every page, and the site's
    address for the few absolute links (robots.txt)."""
    return {"EMBASSY_NAME": settings.EMBASSY_NAME, "SITE_URL": settings.SITE_URL}
