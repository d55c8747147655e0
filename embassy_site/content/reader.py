"""Reading content files: JSON or YAML, with the line of every key where YAML knows it."""

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SUFFIXES = {".json": "JSON", ".yaml": "YAML", ".yml": "YAML"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, said so that a person can find and fix it."""

    file: str
    message: str
    where: str = ""  # the object: relations[0].milestones[3] (1994-pfp)
    field: str = ""
    line: int | None = None

    def __str__(self):
        place = self.file if self.line is None else f"{self.file}, line {self.line}"
        parts = [place, self.where, self.field]
        return ": ".join(part for part in parts if part) + f": {self.message}"


@dataclass
class Document:
    path: Path
    data: object
    # id(mapping) -> (line of the mapping, {key: line}); YAML only.
    lines: dict = field(default_factory=dict)

    @property
    def name(self):
        return str(self.path)

    def line_of(self, mapping, key=None):
        start, keys = self.lines.get(id(mapping), (None, {}))
        return keys.get(key, start) if key is not None else start


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: much faster


class _LineLoader(_Base):
    """A safe loader that records where each key is and notices keys written twice."""

    def __init__(self, stream):
        super().__init__(stream)
        self.lines = {}
        self.duplicates = []


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    mapping, keys = {}, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain word", key_node.start_mark
            ) from None
        line = key_node.start_mark.line + 1
        if key in mapping:
            loader.duplicates.append((key, line))
        mapping[key] = loader.construct_object(value_node, deep=True)
        keys[key] = line
    loader.lines[id(mapping)] = (node.start_mark.line + 1, keys)
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _json_pairs(duplicates):
    def hook(pairs):
        mapping = {}
        for key, value in pairs:
            if key in mapping:
                duplicates.append((key, None))
            mapping[key] = value
        return mapping

    return hook


def expand(paths):
    """Files named on the command line; a folder stands for its JSON and YAML files."""
    files, problems = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                child
                for child in path.iterdir()
                if child.suffix.lower() in SUFFIXES and child.is_file()
                and not child.name.startswith(".")
            )  # fmt: skip
            if not found:
                problems.append(Problem(str(path), "this folder has no .json, .yaml or .yml file"))
            files.extend(found)
        elif not path.exists():
            problems.append(Problem(str(path), "there is no such file"))
        else:
            files.append(path)
    return files, problems


def read(path: Path):
    """(Document or None, problems) for one file."""
    name = str(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        return None, [
            Problem(
                name, "this is not a JSON or YAML file: its name must end in .json, .yaml or .yml"
            )
        ]
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem(name, f"this is not a {kind} file: it is not UTF-8 text")]
    except OSError as error:
        return None, [Problem(name, f"the file cannot be read: {error.strerror}")]
    duplicates = []
    lines = {}
    try:
        if kind == "JSON":
            data = json.loads(text, object_pairs_hook=_json_pairs(duplicates))
        else:
            loader = _LineLoader(text)
            try:
                data = loader.get_single_data()
            finally:
                loader.dispose()
            lines, duplicates = loader.lines, loader.duplicates
    except json.JSONDecodeError as error:
        return None, [
            Problem(
                name,
                f"this is not valid JSON: {error.msg} (column {error.colno})",
                line=error.lineno,
            )
        ]
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        context = getattr(error, "context", None)
        context_mark = getattr(error, "context_mark", None)
        if context and context_mark and (not mark or context_mark.line != mark.line):
            context = f"{context} that starts on line {context_mark.line + 1}"
        message = f"this is not valid YAML: {problem}" + (f" ({context})" if context else "")
        return None, [Problem(name, message, line=mark.line + 1 if mark else None)]
    problems = [
        Problem(
            name, "this key is written twice in one object; keep one", field=str(key), line=line
        )
        for key, line in duplicates
    ]
    return Document(path, data, lines), problems
