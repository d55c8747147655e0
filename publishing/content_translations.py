"""Translations in the import/export format: one ``translations`` key per object.

    - slug: visas
      name: Visas
      translations:
        ro: {name: Vize}
        az: {name: Vizalar}

The object's own keys are the English; ``translations`` maps a language to the translated
keys of that object (only the translated fields of the kind's keys). Export writes only
the translations that exist, so an English-only site exports as before; an import that
leaves the key out keeps the stored translations, an empty value clears one.
"""

import re

from .translated import LANGUAGES, SOURCE, column, translated_fields

KEY = "translations"
TRANSLATED_LANGUAGES = tuple(language for language in LANGUAGES if language != SOURCE)
_TAG = re.compile(r"<[^>]*>")
_NUMBER = re.compile(r"\d+")
# The cedilla forms a Romanian text must not use (ş ţ Ş Ţ), and Cyrillic letters, which an
# Azerbaijani text in the Latin alphabet has none of (ә is not ə).
WRONG_LETTERS = {
    "ro": re.compile("[\u015e\u015f\u0162\u0163]"),
    "az": re.compile("[\u0400-\u04ff]"),
}


def fields_of(kind):
    # Not a derived column (a page's address, made of its slugs): it is never carried.
    translated = translated_fields(kind.model)
    return [k for k in kind.keys if k in translated and kind.model._meta.get_field(k).editable]


def export(obj, kind):
    """{language: {key: text}} of the translations the object has, or None."""
    found = {}
    for language in TRANSLATED_LANGUAGES:
        values = {}
        for key in fields_of(kind):
            value = getattr(obj, column(key, language))
            if value:
                values[key] = value
        if values:
            found[language] = values
    return found or None


def apply(obj, kind, value):
    """Set the translations given; returns the problems as (message, key) pairs."""
    if not isinstance(value, dict):
        return [("must map a language (ro, az) to its translated fields", KEY)]
    problems, allowed = [], fields_of(kind)
    for language, values in value.items():
        if language not in TRANSLATED_LANGUAGES:
            choices = ", ".join(TRANSLATED_LANGUAGES)
            problems.append((f"unknown language “{language}”; use one of: {choices}", KEY))
            continue
        if not isinstance(values, dict):
            problems.append(("must map each translated field to its text", f"{KEY}.{language}"))
            continue
        for key, text in values.items():
            where = f"{KEY}.{language}.{key}"
            if key not in allowed:
                hint = ", ".join(allowed) or "none"
                problems.append(
                    (f"not a translated field; {kind.list_key} translate: {hint}", where)
                )
            elif text is not None and not isinstance(text, str):
                problems.append(("must be text", where))
            else:
                setattr(obj, column(key, language), text or None)
    return problems


def numbers(text):
    return set(_NUMBER.findall(_TAG.sub(" ", text or "")))


def doubts(obj, kind):
    """What a reader should check in the object's translations: numbers and dates of the
    English missing from a translation, and letters the language does not write."""
    found = []
    for language in TRANSLATED_LANGUAGES:
        for key in fields_of(kind):
            text = getattr(obj, column(key, language))
            if not text:
                continue
            missing = sorted(numbers(getattr(obj, column(key, SOURCE))) - numbers(text), key=int)
            if missing:
                found.append(
                    (f"{KEY}.{language}.{key}", f"lacks {', '.join(missing)} of the English")
                )
            wrong = (
                sorted(set(WRONG_LETTERS[language].findall(text)))
                if language in WRONG_LETTERS
                else []
            )
            if wrong:
                found.append(
                    (f"{KEY}.{language}.{key}", f"has letters {''.join(wrong)} ({language})")
                )
    return found
