from django import template

register = template.Library()


@register.simple_tag
def trail(*pairs):
    """Pair up "url, label, url, label, ..." for includes/breadcrumbs.html.

    Templates cannot build lists; this keeps each page's trail on one readable line.
    """
    if len(pairs) % 2:
        raise template.TemplateSyntaxError("trail takes url and label pairs")
    return [{"url": pairs[i], "label": pairs[i + 1]} for i in range(0, len(pairs), 2)]


class Marked(str):
    """A crumb's label with the language it shows in, when not the page's (` lang="en"`)."""

    lang = ""


@register.simple_tag
def marked(label, lang=""):
    label = Marked(label)
    label.lang = lang
    return label
