"""What an import works on: one object from a file on its way to a row, and the error that
says nothing was written."""

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from . import reader
from .schema import DATE_ATTRS

BATCH = 500
SCALARS = (str, int, float, bool, type(None))
OUTCOMES = ("created", "updated", "unchanged")


class ContentError(Exception):
    """The input has problems; nothing was written."""

    def __init__(self, problems, *, heading=None):
        self.problems = problems
        self.heading = heading or (
            f"Nothing was imported: {len(problems)} "
            f"problem{'s' if len(problems) != 1 else ''} to fix first."
        )
        super().__init__(str(self))

    def __str__(self):
        return "\n".join([self.heading, *(f"  {problem}" for problem in self.problems)])


@dataclass(eq=False)
class Item:
    """One object from a file, on its way to a row."""

    kind: object
    doc: reader.Document
    data: dict
    path: str  # relations[0].milestones[3]
    position: int
    parent: "Item | None"
    key: object = None  # the object's own key, converted: a slug, a start year, a title
    obj: object = None
    outcome: str = ""
    source: Path | None = None  # an attachment's file
    bad_fields: set = field(default_factory=set)
    changed: tuple = ()  # the attributes an update changes
    duplicate: bool = False  # a second object with a taken key: checked, never matched
    checked_kind: str = ""  # an attachment's type, found once by the validator

    @property
    def where(self):
        return self.path if self.key is None else f"{self.path} ({self.key})"

    @property
    def natural_key(self):
        if self.key is None:
            return None
        if self.parent is None:
            return (self.key,)
        parent_key = self.parent.natural_key
        return None if parent_key is None else (*parent_key, self.key)


def _format_key(model_field):
    return "date" if model_field in DATE_ATTRS else model_field


def _sha256(opened):
    digest = hashlib.sha256()
    for chunk in iter(lambda: opened.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _chunks(values, size=BATCH):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]
