"""Month names as dates print them, translated here so each language writes its own way.

Django's catalogues capitalise Romanian months ("4 Mai 1994"); Romanian and Azerbaijani
write them in lower case ("4 mai 1994", "4 may 1994"). The site's catalogue is read before
Django's, so these entries win. Listed here so that makemessages keeps them.
"""

from django.utils.translation import gettext_noop

MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]
