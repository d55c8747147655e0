"""Reading content files: JSON or YAML, with the line of every key where YAML knows it."""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SUFFIXES = {".json": "JSON", ".yaml": "YAML", ".yml": "YAML"}
# Content is a few levels deep (relations > frameworks > cycles); far deeper is a mistake or
# an attack, and would end in a RecursionError in the parser or in the checks after it.
MAX_DEPTH = 32
# YAML aliases (*name) may repeat a few anchored values, not multiply them: a few hundred
# bytes of nested aliases otherwise expand to gigabytes ("billion laughs").
MAX_ALIAS_VALUES = 1000
# Quoted values and whole messages are cut, so no input can flood the operator's terminal.
QUOTE_CHARS = 40
MESSAGE_CHARS = 300
FIELD_CHARS = 60
_QUOTED = re.compile(r"“([^”]*)”", re.DOTALL)


def shorten(text, limit):
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short_quote(match):
    return f"“{shorten(match.group(1), QUOTE_CHARS)}”"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, said so that a person can find and fix it."""

    file: str
    message: str
    where: str = ""  # the object: relations[0].milestones[3] (1994-pfp)
    field: str = ""
    line: int | None = None

    def __post_init__(self):
        # Messages quote values from the input: each quote and the whole are kept short.
        message = shorten(_QUOTED.sub(_short_quote, str(self.message)), MESSAGE_CHARS)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "where", shorten(self.where, MESSAGE_CHARS // 2))
        object.__setattr__(self, "field", shorten(self.field, FIELD_CHARS))

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


def _construct_timestamp(loader, node):
    """A day that does not exist (2026-02-30) stays text: the field's own check names it,
    with the object and the line, instead of the parser failing on the whole file."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

# YAML 1.1 reads 14:30 as the base-60 number 870 (but 09:00 as text); YAML 1.2 dropped
# base 60. Read as 1.2 does: an opening time, or "1:30" in a text, stays what was written.
_BASE_60 = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_LineLoader.yaml_implicit_resolvers = {
    first: [("tag:yaml.org,2002:str", _BASE_60), *resolvers]
    if first in "+-0123456789"
    else resolvers
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


class TooComplex(ValueError):
    """The file's structure is beyond what content can need: refused before it is used."""


DEPTH_MESSAGE = f"the content is nested too deeply: at most {MAX_DEPTH} levels of lists and objects"


def _children(node):
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_aliases(root):
    """Refuse aliases that add more than MAX_ALIAS_VALUES values, or that contain themselves.

    The composed document shares an anchored node wherever an alias names it, so it is small
    whatever it would expand to; here each node's expanded size is counted once (iteratively:
    the nesting may be deep), and every further use of a node adds that size.
    """
    sizes, on_path, added = {}, set(), 0
    stack = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if key in sizes:
            added += sizes[key]
            if added > MAX_ALIAS_VALUES:
                raise TooComplex(
                    "its aliases (*name) expand to too many values: "
                    f"at most {MAX_ALIAS_VALUES} may come from aliases"
                )
            continue
        if key in on_path:
            raise TooComplex("an alias (*name) refers to the list or object it is in")
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(_children(node)))


def _check_depth(data):
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                raise TooComplex(DEPTH_MESSAGE)
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)


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
                node = loader.get_single_node()
                if node is not None:
                    _check_aliases(node)
                data = loader.construct_document(node) if node is not None else None
            finally:
                loader.dispose()
            lines, duplicates = loader.lines, loader.duplicates
        _check_depth(data)
    except TooComplex as error:
        return None, [Problem(name, str(error))]
    except RecursionError:
        return None, [Problem(name, DEPTH_MESSAGE)]
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
