"""Safe YAML loading that remembers where every key and item came from.

Mappings load as :class:`LineDict` and sequences as :class:`LineList`; both carry
the 1-based ``(line, column)`` of each key or item, so a validation error deep in
a rule pack can be reported as ``file:line:column``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from finepr.errors import RuleFileError


class LineDict(dict):
    """A dict whose ``marks[key]`` is the (line, column) of the key."""

    marks: dict[Any, tuple[int, int]]
    mark: tuple[int, int]


class LineList(list):
    """A list whose ``marks[i]`` is the (line, column) of item i."""

    marks: list[tuple[int, int]]
    mark: tuple[int, int]


# libyaml's C parser is about ten times faster than PyYAML's pure-Python one and keeps the
# same node marks; both are safe loaders (no arbitrary objects, ever).
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):  # type: ignore[misc, valid-type]
    """A safe loader that builds LineDict/LineList."""


def _pos(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.marks = {}
    result.mark = _pos(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            line, col = _pos(key_node)
            raise RuleFileError(f"duplicate key '{key}'", line=line, column=col, code="E102")
        result[key] = loader.construct_object(value_node, deep=True)
        result.marks[key] = _pos(key_node)
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.marks = [_pos(child) for child in node.value]
    result.mark = _pos(node)
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _tab_indent(text: str) -> tuple[int, int] | None:
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return number, len(line) - len(stripped) + 1
    return None


def load_yaml(path: Path) -> Any:
    """Parse one YAML file safely; any problem is a RuleFileError with file:line:column."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise RuleFileError(f"cannot read rule file: {exc.strerror}", path=str(path), code="E001") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise RuleFileError(f"rule file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})", path=str(path),
                            line=line, column=col, code="E002") from None
    tab = _tab_indent(text)
    if tab:
        raise RuleFileError("tab used for indentation; YAML indents with spaces", path=str(path),
                            line=tab[0], column=tab[1], code="E101")
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a safe loader
    except RuleFileError as exc:
        exc.path = str(path)
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        what = exc.problem or exc.context or "invalid YAML"
        context = exc.context_mark
        if exc.problem and exc.context and context and mark and context.line != mark.line:
            what += f" ({exc.context} at line {context.line + 1}, column {context.column + 1})"
        raise RuleFileError(f"YAML syntax error: {what}", path=str(path), line=line, column=col,
                            code="E100") from None
    except yaml.YAMLError as exc:
        raise RuleFileError(f"YAML error: {exc}", path=str(path), code="E100") from None


def locate(data: Any, loc: tuple) -> tuple[int, int] | None:
    """The (line, column) of the deepest node on a pydantic error location path."""
    best = getattr(data, "mark", None)
    node = data
    for part in loc:
        if isinstance(node, LineDict) and part in node:
            best = node.marks.get(part, best)
            node = node[part]
        elif isinstance(node, LineList) and isinstance(part, int) and 0 <= part < len(node):
            best = node.marks[part]
            node = node[part]
        else:
            break
    return best
