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
from generator.docxwalk import paragraph_elements
from generator.errors import NtmError, Severity
from generator.formatcheck.engine import Finding, Issue
from generator.formatcheck.parts import find_parts
from generator.formatcheck.reading import (
    PART_KIND,
    W_P,
    W_TBL,
    W_TC,
    W_TR,
    Doc,
    Element,
    Para,
    Table,
    paragraph_text,
    quote,
    snippet,
    squash,
    sub_children,
)
from generator.rendering import compile_body, jinja_environment, patched_body, render_docx

T_SPLIT = "T-THE-TACH-DOAN"
T_BROKEN = "T-THE-HONG"
T_DOCXTPL = "T-THE-DOCXTPL"
T_BLOCK = "T-KHOI"
T_SYNTAX = "T-CU-PHAP"
T_VARIABLE = "T-BIEN-LA"
T_ATTRIBUTE = "T-THUOC-TINH-LA"
T_FILTER = "T-BO-LOC-LA"
T_RENDER = "T-KHONG-DUNG-DUOC"
T_MALFORMED = "T-THE-SAI-DANG"

# «{chi_uy}}», «{{chi_uy}», «{chi_uy}»: docxtpl does not see a tag and prints the braces as they are.
_MALFORMED = re.compile(r"(?<!\{)\{(?![{%#])[^{}\n]{1,60}\}\}|\{\{[^{}\n]{1,60}\}(?!\})|(?<!\{)\{(?![{%#])[^{}\n]{1,60}\}(?!\})")


# A well-formed tag, whose quoted strings may hold braces («{{ '{:,}'.format(n) }}»): masked
# before looking for malformed ones, so that data inside a real tag is never taken for a tag.
_WELL_FORMED = re.compile(r"""\{\{(?:[^{}'"]|'[^'\n]*'|"[^"\n]*")*?\}\}|\{%(?:[^'"%]|'[^'\n]*'|"[^"\n]*")*?%\}""")


def _malformed_tags(paragraphs: Sequence[Para]) -> list[Issue]:
    issues = []
    for para in paragraphs:
        masked = _WELL_FORMED.sub(lambda m: " " * len(m.group(0)), para.text)
        for match in _MALFORMED.finditer(masked):
            written = match.group(0)
            before, after = para.text[match.start() - 1 : match.start()], para.text[match.end() : match.end() + 1]
            if "_" in (before, after) or written.startswith("{_") or written.endswith("_}"):
                continue  # docxtpl's escapes «{_{ … }_}», «{_% … %_}» print a tag on purpose
            inner = written.strip("{} ")
            issues.append(
                Issue(
                    para.place,
                    f"«{written}» không phải thẻ docxtpl: sẽ in nguyên dấu ngoặc ra giấy",
                    f"thẻ viết đủ hai dấu ngoặc mỗi bên: «{{{{ {inner} }}}}»",
                )
            )
    return issues


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


_OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_OPENER = re.compile(r"\{[{%#]")
_DOCXTPL_LEVEL = re.compile(r"^\{([{%])(tr|tc|p|r) ")
_BLOCKS = {"for", "if", "macro", "call", "filter", "with", "block", "raw", "autoescape", "trans"}
_MIDDLES = {"elif": {"if"}, "else": {"if", "for"}, "pluralize": {"trans"}}


@dataclass(frozen=True)
class Tag:
    written: str  # as in the document: '{%p for t in muc_tieu %}'
    source: str  # as Jinja reads it after docxtpl: '{% for t in muc_tieu %}'
    place: str
    level: str | None  # docxtpl's p / tr / tc / r, if any
    paragraph: Element = field(compare=False, hash=False, repr=False)


@dataclass
class _TemplatePart:
    name: str
    paragraphs: list[Para]
    tags: list[Tag]


def _template_paragraphs(root: Element, prefix: str) -> list[Para]:
    """Every paragraph of a part in document order, with its place."""
    found: list[Para] = []
    counters = {"p": 0, "tbl": 0}

    def walk(container: Element) -> None:
        for child in sub_children(container):
            if child.tag == W_P:
                counters["p"] += 1
                text = paragraph_text(child)
                found.append(Para(child, f"{prefix}đoạn {counters['p']} {quote(text)}", text, counters["p"]))
                for inner in paragraph_elements(child):
                    if inner is not child:
                        inner_text = paragraph_text(inner)
                        found.append(Para(inner, f"{prefix}khung chữ trong đoạn {counters['p']} {quote(inner_text)}", inner_text))
            elif child.tag == W_TBL:
                counters["tbl"] += 1
                table = Table(child, counters["tbl"], 0)
                for r, row in enumerate(table.rows(), start=1):
                    for c, cell in enumerate(table.cells(row), start=1):
                        paragraphs = [p for p in sub_children(cell) if p.tag == W_P]
                        for k, p in enumerate(paragraphs, start=1):
                            text = paragraph_text(p)
                            found.append(Para(p, f"{prefix}bảng {table.number}, dòng {r}, ô {c}, đoạn {k} {quote(text)}", text))
                        for inner in (t for t in sub_children(cell) if t.tag == W_TBL):
                            for p in paragraph_elements(inner):
                                text = paragraph_text(p)
                                found.append(
                                    Para(p, f"{prefix}bảng {table.number}, dòng {r}, ô {c} (bảng lồng) {quote(text)}", text)
                                )

    walk(root)
    return found


def _jinja_source(written: str) -> tuple[str, str | None]:
    """docxtpl's reading of one tag: '{%p for …%}' → '{% for …%}', custom tags, smart quotes."""
    level = None
    match = _DOCXTPL_LEVEL.match(written)
    if match:
        level = match.group(2)
        written = "{" + match.group(1) + " " + written[match.end() :]
    for fancy, plain in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        written = written.replace(fancy, plain)
    custom = re.match(r"^\{%-?\s*(vm|hm)\s*-?%\}$", written)
    if custom:
        return "", level
    custom = re.match(r"^\{%-?\s*(colspan|cellbg)\s+(.*?)\s*-?%\}$", written, re.DOTALL)
    if custom:
        return "{{ " + custom.group(2) + " }}", level
    return written.replace("\n", " "), level


def _scan_tags(paragraphs: Sequence[Para]) -> tuple[list[Tag], list[Issue]]:
    tags: list[Tag] = []
    issues: list[Issue] = []
    for index, para in enumerate(paragraphs):
        text = para.text
        position = 0
        while True:
            match = _OPENER.search(text, position)
            if match is None:
                break
            closer = _OPENERS[match.group(0)]
            end = text.find(closer, match.end())
            if end < 0:
                fragment = text[match.start() :]
                later = next((p for p in paragraphs[index + 1 : index + 6] if closer in p.text), None)
                if later is not None:
                    found = (
                        f"thẻ «{snippet(fragment)}» bị tách sang đoạn khác ({later.place}); docxtpl sẽ gộp các đoạn này làm một"
                    )
                else:
                    found = f"thẻ «{snippet(fragment)}» không có «{closer}» trong cùng đoạn"
                issues.append(Issue(para.place, found, "mỗi thẻ {{ … }} hoặc {% … %} nằm trọn trong một đoạn"))
                break
            written = text[match.start() : end + len(closer)]
            position = end + len(closer)
            if written.startswith("{#"):
                continue
            source, level = _jinja_source(written)
            if source:
                tags.append(Tag(written, source, para.place, level, para.element))
    return tags, issues


def _docxtpl_level_issues(tags: Sequence[Tag], paragraphs: Sequence[Para]) -> list[Issue]:
    """docxtpl replaces the whole paragraph / row / cell of a {%p %} / {%tr %} / {%tc %} tag."""
    issues = []
    by_element = {id(p.element): p for p in paragraphs}
    for tag in tags:
        if tag.level not in ("p", "tr", "tc"):
            continue
        container: Element = tag.paragraph
        if tag.level != "p":
            wanted = W_TR if tag.level == "tr" else W_TC
            ancestor = tag.paragraph.getparent()
            while ancestor is not None and ancestor.tag != wanted:
                ancestor = ancestor.getparent()
            if ancestor is None:
                where = "dòng" if tag.level == "tr" else "ô"
                issues.append(
                    Issue(
                        tag.place,
                        f"thẻ «{tag.written}» không nằm trong bảng",
                        f"thẻ {{%{tag.level} … %}} phải nằm trong một {where} của bảng",
                    )
                )
                continue
            container = ancestor
        paragraphs_inside = [by_element.get(id(p)) for p in paragraph_elements(container)]
        leftover = "".join(p.text for p in paragraphs_inside if p is not None).replace(tag.written, "", 1)
        if leftover.strip():
            unit = {"p": "đoạn", "tr": "dòng", "tc": "ô"}[tag.level]
            issues.append(
                Issue(
                    tag.place,
                    f"{unit} chứa thẻ «{tag.written}» còn có chữ khác («{snippet(leftover)}»); docxtpl bỏ cả {unit} khi dựng",
                    f"thẻ {{%{tag.level} … %}} đứng một mình trong {unit} của nó",
                )
            )
    return issues


def _block_name(source: str) -> str | None:
    match = re.match(r"^\{%[-+]?\s*(\w+)", source)
    return match.group(1) if match else None


def _block_issues(tags: Sequence[Tag]) -> list[Issue]:
    required = "mỗi {% for %} có {% endfor %}, mỗi {% if %} có {% endif %}, đóng đúng thứ tự"
    stack: list[tuple[str, Tag]] = []
    issues: list[Issue] = []
    for tag in tags:
        name = _block_name(tag.source)
        if name is None:
            continue
        if name == "set" and "=" not in tag.source:
            stack.append(("set", tag))
        elif name in _BLOCKS:
            stack.append((name, tag))
        elif name in _MIDDLES:
            if not stack or stack[-1][0] not in _MIDDLES[name]:
                issues.append(
                    Issue(tag.place, f"«{tag.written}» không nằm trong khối {' / '.join(sorted(_MIDDLES[name]))} nào", required)
                )
        elif name.startswith("end"):
            opened = name[3:]
            if stack and stack[-1][0] == opened:
                stack.pop()
            elif any(n == opened for n, _ in stack):
                while stack and stack[-1][0] != opened:
                    inner, inner_tag = stack.pop()
                    issues.append(
                        Issue(
                            inner_tag.place,
                            f"khối «{inner_tag.written}» chưa đóng (thiếu {{% end{inner} %}}) trước «{tag.written}»",
                            required,
                        )
                    )
                stack.pop()
            else:
                issues.append(Issue(tag.place, f"«{tag.written}» không có khối {{% {opened} %}} mở tương ứng", required))
    for name, tag in stack:
        issues.append(Issue(tag.place, f"khối «{tag.written}» không có {{% end{name} %}}", required))
    return issues


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


def _check_part(part: _TemplatePart, provided: Mapping[str, object], environment: jinja2.Environment) -> list[tuple[str, Issue]]:
    issues = [(T_DOCXTPL, i) for i in _docxtpl_level_issues(part.tags, part.paragraphs)]
    blocks = _block_issues(part.tags)
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


def _docxtpl_issues(path: Path, parts: Sequence[_TemplatePart], environment: jinja2.Environment) -> list[tuple[str, Issue]]:
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
    parts = [_TemplatePart("thân", [], [])]
    parts[0].paragraphs = _template_paragraphs(doc.body, "")
    seen: set[int] = set()
    for section in doc.sections:
        for label, refs in (("đầu trang", section.headers), ("chân trang", section.footers)):
            for kind, element in refs.items():
                if element is None or id(element) in seen:
                    continue
                seen.add(id(element))
                prefix = f"{label} ({PART_KIND[kind]}) phần {section.number + 1}, "
                parts.append(_TemplatePart(prefix, _template_paragraphs(element, prefix), []))
    for notes in _notes(doc):
        kind = "chú thích cuối trang" if notes.tag.endswith("footnotes") else "chú thích cuối văn bản"
        note_paragraphs = [p for note in notes for p in _template_paragraphs(note, f"{kind} {note.get(qn('w:id'))}, ")]
        parts.append(_TemplatePart("chú thích cuối trang, ", note_paragraphs, []))
    codes: list[tuple[str, Issue]] = []
    for part in parts:
        codes += [(T_MALFORMED, i) for i in _malformed_tags(part.paragraphs)]
    for part in parts:
        part.tags, split = _scan_tags(part.paragraphs)
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
