"""Read rendered pages the way a person or a browser would."""

import lxml.html


def parse(response):
    return lxml.html.fromstring(response.content.decode())


def text_of(element):
    return " ".join(element.text_content().split())


def form_data(response):
    """The fields of the admin change form as the browser would submit them unchanged."""
    doc = parse(response)
    forms = [f for f in doc.forms if f.get("id", "").endswith("_form")]
    form = forms[0]
    data = {}
    for name, value in form.form_values():
        if name in data:  # ticked boxes of one field ("published_languages"): every value
            known = data[name]
            data[name] = [*known, value] if isinstance(known, list) else [known, value]
        else:
            data[name] = value
    return data
