from django import template

register = template.Library()


@register.filter
def any_value(rows, field):
    """Whether some row has a value in ``field``: a column empty in every row is left out.

    Zero is a value (say, no Partnership Goals accepted); None and "" are not.
    """
    return any(getattr(row, field) not in (None, "") for row in rows)
