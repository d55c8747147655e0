from publishing.site_name import embassy_name


def site(request):
    """The embassy's name for the header, footer and titles of every page, in its language."""
    return {"EMBASSY_NAME": embassy_name()}
