from django.utils.functional import SimpleLazyObject

from . import data


def chrome(request):
    """The menus and the contact record, read once for the whole page when first shown
    (the header, the footer and the home page's contact card all show them)."""
    return {"site_chrome": SimpleLazyObject(lambda: data.chrome(request))}
