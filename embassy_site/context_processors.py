from django.conf import settings


def site(request):
    """The embassy's name for the header, footer and titles of every page."""
    return {"EMBASSY_NAME": settings.EMBASSY_NAME}
