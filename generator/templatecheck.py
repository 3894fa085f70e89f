"""`ntm check --template`: the checks of a docxtpl template, beside the renderer that uses it.

Tags split across paragraphs, malformed tags that docxtpl would print as they are
(«{chi_uy}}»), unbalanced blocks, unknown variables, attributes and filters — in the body,
the headers, the footers and the footnotes. The context a template gets comes from the
caller (`pipeline.provided_context`); the Jinja environment is the renderer's own.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from jinja2 import nodes

from generator import docprops
from generator.directrender import split_paragraphs
from generator.documents import ALL_DOCUMENTS, Row
from generator.errors import NtmError, Severity
from generator.formatcheck.engine import Finding, Issue
from generator.formatcheck.parts import find_parts
from generator.formatcheck.reading import (
    PART_KIND,
    Doc,
    Element,
    snippet,
    squash,
)
from generator.rendering import compile_body, jinja_environment, patched_body, render_docx
from generator.templatetags import (
    T_ATTRIBUTE,
    T_BLOCK,
    T_BROKEN,
    T_DOCXTPL,
    T_FILTER,
    T_MALFORMED,
    T_RENDER,
    T_SPLIT,
    T_SYNTAX,
    T_VARIABLE,
    Tag,
    TemplatePart,
    block_issues,
    docxtpl_level_issues,
    malformed_tags,
    scan_tags,
    template_paragraphs,
)


def _notes(doc: Doc) -> list[Element]:
    """The footnotes and endnotes parts, whose text docxtpl fills too."""
    found = []
    for rel in doc.document.part.rels.values():
        if rel.reltype in (RT.FOOTNOTES, RT.ENDNOTES) and not rel.is_external:
            found.append(parse_xml(rel.target_part.blob))
    return found


# A template's kind read from its own type line and title (ke-hoach, bao-cao-thang…): only the
# fallback for a DOCX that carries no type stamped by ntm (docprops), such as a clerk's own file.
_KIND_BY_TITLE = (
    ("pl", re.compile(r"^(?:PHỤ LỤC|PHÂN CÔNG)")),
    ("kht", re.compile(r"^KẾ HOẠCH .*hoạt động tháng|^KẾ HOẠCH HOẠT ĐỘNG THÁNG", re.IGNORECASE)),
    ("kh", re.compile(r"^KẾ HOẠCH")),
    ("bc", re.compile(r"^BÁO CÁO .*\btháng\b", re.IGNORECASE)),
    ("bcn", re.compile(r"^BÁO CÁO .*(?:\bnăm\b|sơ kết|tổng kết)", re.IGNORECASE)),
)


def template_kind(path: Path) -> str | None:
    """'kh', 'pl'… for a template: the type ntm stamped into it (a document ntm rendered, used as
    a template), else from its file name when it is a shipped one's, else from its own type line
    and title (KẾ HOẠCH hoạt động tháng → kht); None when it cannot tell."""
    try:
        stamped = docprops.stamped_type(path.read_bytes())
    except OSError:
        stamped = None
    if stamped is not None:
        return stamped.value.lower()
    by_name = next((d.key for d in ALL_DOCUMENTS if d.template == path.name), None)
    if by_name is not None:
        return by_name
    parts = find_parts(Doc(path))
    if parts.annex_title is not None:
        return "pl"
    if parts.type_line is None:
        return None
    heading = squash(" ".join([parts.type_line.text, *(p.text for p in parts.title_lines)]))
    return next((key for key, pattern in _KIND_BY_TITLE if pattern.search(heading)), None)


def _suggest(word: str, candidates: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return close[0] if close else None


class _Loop:
    """Stands for Jinja's `loop` inside a for block."""

    ATTRIBUTES = frozenset(
        {
            "index",
            "index0",
            "revindex",
            "revindex0",
            "first",
            "last",
            "length",
            "cycle",
            "depth",
            "depth0",
            "previtem",
            "nextitem",
            "changed",
        }
    )


def attribute_names(value: object) -> set[str] | None:
    """The attribute names a template may use on `value` (None: cannot tell)."""
    if isinstance(value, _Loop):
        return set(_Loop.ATTRIBUTES)
    if isinstance(value, Row):
        return set(value.values)
    if isinstance(value, Mapping):
        return {str(k) for k in value} | {n for n in dir(value) if not n.startswith("_")}
    return {n for n in dir(value) if not n.startswith("_")}


def _items(shape: tuple[object, ...]) -> tuple[object, ...]:
    items: list[object] = []
    for value in shape:
        if isinstance(value, (list, tuple)):
            items.extend(value)
        elif isinstance(value, Mapping):
            items.extend(value.keys())
    return tuple(items)


@dataclass
class _VariableCheck:
    provided: Mapping[str, object]
    environment: jinja2.Environment
    tags: Sequence[Tag]
    issues: list[tuple[str, Issue]] = field(default_factory=list)

    def place(self, node: nodes.Node) -> tuple[str, str]:
        index = (node.lineno or 1) - 1
        tag = self.tags[min(max(index, 0), len(self.tags) - 1)] if self.tags else None
        return (tag.place, tag.written) if tag is not None else ("mẫu", "")

    def shape(self, node: nodes.Node, scope: Mapping[str, tuple[object, ...]]) -> tuple[object, ...]:
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            if node.name in self.provided:
                return (self.provided[node.name],)
            return ()
        if isinstance(node, nodes.Getattr):
            values = []
            for value in self.shape(node.node, scope):
                if isinstance(value, _Loop):
                    continue
                try:
                    values.append(getattr(value, node.attr))
                except (AttributeError, TypeError):
                    if isinstance(value, Mapping) and node.attr in value:
                        values.append(value[node.attr])
            return tuple(values)
        return ()

    def walk(self, node: nodes.Node, scope: dict[str, tuple[object, ...]]) -> None:
        if isinstance(node, nodes.For):
            self.walk(node.iter, scope)
            inner = dict(scope)
            items = _items(self.shape(node.iter, scope))
            self.bind(node.target, inner, items)
            inner["loop"] = (_Loop(),)
            if node.test is not None:
                self.walk(node.test, inner)
            for child in node.body:
                self.walk(child, inner)
            for child in node.else_:
                self.walk(child, scope)
            return
        if isinstance(node, nodes.Name):
            if (
                node.ctx == "load"
                and node.name not in scope
                and node.name not in self.provided
                and node.name not in self.environment.globals
            ):
                place, written = self.place(node)
                hint = _suggest(node.name, [*self.provided, *scope])
                found = f"{written}: không có biến '{node.name}'" + (f"; có phải '{hint}'?" if hint else "")
                known = ", ".join(sorted(self.provided))
                self.issues.append(
                    (T_VARIABLE, Issue(place, found, f"chỉ dùng các biến chương trình cung cấp cho mẫu này: {known}"))
                )
            return
        if isinstance(node, nodes.Getattr):
            self.walk(node.node, scope)
            values = self.shape(node.node, scope)
            names: set[str] = set()
            for value in values:
                known_names = attribute_names(value)
                if known_names is None:
                    return
                names |= known_names
            if values and node.attr not in names:
                place, written = self.place(node)
                hint = _suggest(node.attr, names)
                owner = _expression(node.node)
                found = f"{written}: không có thuộc tính '{node.attr}'" + (f"; có phải '{hint}'?" if hint else "")
                listed = ", ".join(sorted(n for n in names if not callable(getattr(values[0], n, None))))
                self.issues.append((T_ATTRIBUTE, Issue(place, found, f"các thuộc tính có của {owner}: {listed}")))
            return
        if isinstance(node, nodes.Test) and node.name in ("defined", "undefined") and isinstance(node.node, nodes.Name):
            return
        if isinstance(node, nodes.Filter) and node.name not in self.environment.filters:
            place, written = self.place(node)
            hint = _suggest(node.name, self.environment.filters)
            found = f"{written}: không có bộ lọc '{node.name}'" + (f"; có phải '{hint}'?" if hint else "")
            self.issues.append(
                (
                    T_FILTER,
                    Issue(
                        place,
                        found,
                        "chỉ dùng các bộ lọc có sẵn: number, money, quantity, percent, date_long, date_short và bộ lọc của Jinja",
                    ),
                )
            )
        if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            for child in node.iter_child_nodes(exclude=("target",)):
                self.walk(child, scope)
            self.bind(node.target, scope, ())
            return
        if isinstance(node, (nodes.Macro, nodes.CallBlock)):
            inner = dict(scope)
            for argument in node.args:
                self.bind(argument, inner, ())
            inner.update({"caller": (), "varargs": (), "kwargs": ()})
            for child in node.iter_child_nodes(exclude=("args",)):
                self.walk(child, inner)
            if isinstance(node, nodes.Macro):
                scope[node.name] = ()
            return
        if isinstance(node, nodes.With):
            inner = dict(scope)
            for value in node.values:
                self.walk(value, scope)
            for target in node.targets:
                self.bind(target, inner, ())
            for child in node.body:
                self.walk(child, inner)
            return
        for child in node.iter_child_nodes():
            self.walk(child, scope)

    def bind(self, target: nodes.Node, scope: dict[str, tuple[object, ...]], items: tuple[object, ...]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = items
        else:
            for name in target.find_all(nodes.Name):
                scope[name.name] = ()


def _expression(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_expression(node.node)}.{node.attr}"
    return "biểu thức"


def _template_environment() -> jinja2.Environment:
    """The renderer's own environment (filters, undefined, sandbox): one factory, in rendering."""
    return jinja_environment()


def _check_part(part: TemplatePart, provided: Mapping[str, object], environment: jinja2.Environment) -> list[tuple[str, Issue]]:
    issues = [(T_DOCXTPL, i) for i in docxtpl_level_issues(part.tags, part.paragraphs)]
    blocks = block_issues(part.tags)
    issues += [(T_BLOCK, i) for i in blocks]
    if blocks:
        return issues
    source = "\n".join(t.source for t in part.tags)
    try:
        tree = environment.parse(source)
    except jinja2.TemplateSyntaxError as exc:
        index = (exc.lineno or 1) - 1
        tag = part.tags[min(max(index, 0), len(part.tags) - 1)] if part.tags else None
        place = tag.place if tag else "mẫu"
        written = f"«{tag.written}»: " if tag else ""
        issues.append(
            (
                T_SYNTAX,
                Issue(
                    place,
                    f"{written}thẻ viết sai: {exc.message}",
                    "thẻ Jinja viết đúng cú pháp ({{ biến }}, {% for x in danh_sách %} … {% endfor %})",
                ),
            )
        )
        return issues
    check = _VariableCheck(provided, environment, part.tags)
    check.walk(tree, {})
    return issues + check.issues


def _docxtpl_issues(path: Path, parts: Sequence[TemplatePart], environment: jinja2.Environment) -> list[tuple[str, Issue]]:
    """What docxtpl itself makes of the template: XML left inside a tag, or a Jinja error."""
    xml = patched_body(path)
    issues: list[tuple[str, Issue]] = []
    all_tags = [t for part in parts for t in part.tags]
    for match in re.finditer(r"\{\{.*?\}\}|\{%.*?%\}", xml, re.DOTALL):
        if "<w:" in match.group(0):
            head = re.sub(r"<[^>]+>", "", match.group(0))[:30]
            tag = next((t for t in all_tags if t.source.startswith(head[:12])), None)
            issues.append(
                (
                    T_BROKEN,
                    Issue(
                        tag.place if tag else "mẫu",
                        f"thẻ «{snippet(head)}» còn lẫn mã XML mà docxtpl không gỡ được",
                        "gõ lại thẻ liền một mạch trong Word",
                    ),
                )
            )
    source = split_paragraphs(xml)
    try:
        compile_body(xml)  # the renderer's compile, kept for the render that follows the check
    except jinja2.TemplateSyntaxError as exc:
        line = source.splitlines()[(exc.lineno or 1) - 1] if exc.lineno else ""
        text = re.sub(r"<[^>]+>", "", line)
        tag = next((t for t in all_tags if t.source in text or t.written in text), None)
        issues.append(
            (
                T_SYNTAX,
                Issue(
                    tag.place if tag else f"mẫu (dòng XML {exc.lineno})",
                    f"docxtpl không đọc được mẫu: {exc.message}",
                    "thẻ Jinja viết đúng cú pháp",
                ),
            )
        )
    return issues


def check_template(path: Path, provided: Mapping[str, object], prove: bool = True) -> list[Finding]:
    """The problems of a docxtpl template: split tags, unbalanced blocks, unknown names.

    `provided` is the context the program gives this template (see `provided_context`).
    When nothing is found and `prove` is set, the template is rendered with `provided` as
    the proof; `ntm generate` renders right after the check, so it does not ask for one.
    """
    doc = Doc(path)
    environment = _template_environment()
    parts = [TemplatePart("thân", [], [])]
    parts[0].paragraphs = template_paragraphs(doc.body, "")
    seen: set[int] = set()
    for section in doc.sections:
        for label, refs in (("đầu trang", section.headers), ("chân trang", section.footers)):
            for kind, element in refs.items():
                if element is None or id(element) in seen:
                    continue
                seen.add(id(element))
                prefix = f"{label} ({PART_KIND[kind]}) phần {section.number + 1}, "
                parts.append(TemplatePart(prefix, template_paragraphs(element, prefix), []))
    for notes in _notes(doc):
        kind = "chú thích cuối trang" if notes.tag.endswith("footnotes") else "chú thích cuối văn bản"
        note_paragraphs = [p for note in notes for p in template_paragraphs(note, f"{kind} {note.get(qn('w:id'))}, ")]
        parts.append(TemplatePart("chú thích cuối trang, ", note_paragraphs, []))
    codes: list[tuple[str, Issue]] = []
    for part in parts:
        codes += [(T_MALFORMED, i) for i in malformed_tags(part.paragraphs)]
    for part in parts:
        part.tags, split = scan_tags(part.paragraphs)
        codes += [(T_SPLIT, i) for i in split]
    for part in parts:
        codes += _check_part(part, provided, environment)
    if not codes:
        codes += _docxtpl_issues(path, parts, environment)
    if not codes and prove:
        failure = _render_failure(path, provided)
        if failure is not None:
            codes.append((T_RENDER, Issue("toàn mẫu", failure, "mẫu dựng được với dữ liệu chương trình cung cấp")))
    return [Finding(code, issue.place, issue.found, issue.required, Severity.ERROR) for code, issue in codes]


def _render_failure(path: Path, provided: Mapping[str, object]) -> str | None:
    """Renders the template with docxtpl, as `ntm generate` does; the error, if any."""
    try:
        render_docx(path, dict(provided), dt.datetime(2000, 1, 1), "ntm check")
    except NtmError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - any failure of the renderer is the finding
        return f"docxtpl không dựng được mẫu: {type(exc).__name__}: {exc}"
    return None
