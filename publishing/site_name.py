"""The embassy's name in the language being read.

English is ``EMBASSY_NAME`` (another embassy changes one setting); Romanian and
Azerbaijani have settings of their own, since a name is not translated word by word.
"""

from django.conf import settings
from django.utils.translation import get_language


def embassy_name(language=None):
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    own = getattr(settings, f"EMBASSY_NAME_{language.upper()}", None)
    return own if own and language != settings.LANGUAGE_CODE else settings.EMBASSY_NAME
