from django.conf import settings

from publishing.site_name import embassy_name


def site(request):
    """The embassy's name for the header, footer and titles of every page, in its language,
    and the site's address for the few absolute links (robots.txt)."""
    return {"EMBASSY_NAME": embassy_name(), "SITE_URL": settings.SITE_URL}
