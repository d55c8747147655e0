"""schema.org JSON-LD of the contact record, for search engines reading the contact card."""

import json

from django.conf import settings

from .hours import weekly
from .models import Section

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# Kept out of a <script> element's text: "</script>" or "<!--" could end it early.
ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _regular(hours, section):
    """One specification per interval, naming every weekday that has it."""
    by_span = {}
    for day, spans in weekly(hours, section).items():
        for span in spans:
            by_span.setdefault(span, []).append(f"https://schema.org/{DAYS[day]}")
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": days,
            "opens": f"{opens:%H:%M}",
            "closes": f"{closes:%H:%M}",
        }
        for (opens, closes), days in sorted(by_span.items())
    ]


def _special(exceptions, section):
    # schema.org says closed all day is opens and closes both 00:00.
    return [
        {
            "@type": "OpeningHoursSpecification",
            "name": exception.name,
            "validFrom": exception.first_day.isoformat(),
            "validThrough": exception.last_day.isoformat(),
            "opens": "00:00" if exception.closed else f"{exception.opens:%H:%M}",
            "closes": "00:00" if exception.closed else f"{exception.closes:%H:%M}",
        }
        for exception in exceptions
        if exception.section == section
    ]


def contact_data(contact, hours, exceptions, consular_name):
    data = {
        "@context": "https://schema.org",
        "@type": ["GovernmentOffice", "Embassy"],
        "name": settings.EMBASSY_NAME,
        "address": {"@type": "PostalAddress", "streetAddress": contact.address},
        "telephone": contact.phone,
        "email": contact.email,
        "openingHoursSpecification": _regular(hours, Section.EMBASSY),
        "specialOpeningHoursSpecification": _special(exceptions, Section.EMBASSY),
    }
    if contact.map_url:
        data["hasMap"] = contact.map_url
    if contact.emergency_phone:
        data["contactPoint"] = {
            "@type": "ContactPoint",
            "contactType": "emergency",
            "telephone": contact.emergency_phone,
        }
    consular_hours = _regular(hours, Section.CONSULAR)
    consular_special = _special(exceptions, Section.CONSULAR)
    if consular_hours or consular_special:
        data["department"] = {
            "@type": "GovernmentOffice",
            "name": consular_name,
            "openingHoursSpecification": consular_hours,
            "specialOpeningHoursSpecification": consular_special,
        }
    return data


def script_text(data):
    return json.dumps(data, ensure_ascii=False, indent=None).translate(ESCAPES)
