"""The tags of a docxtpl template as written in Word: found paragraph by paragraph, with the
ones docxtpl would print as they are (malformed), split over paragraphs, at a wrong docxtpl
level, or in unbalanced blocks. `templatecheck` adds the checks against the context."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.docxwalk import paragraph_elements
from generator.formatcheck.engine import Issue
from generator.formatcheck.reading import (
    W_P,
    W_TBL,
    W_TC,
    W_TR,
    Element,
    Para,
    Table,
    paragraph_text,
    quote,
    snippet,
    sub_children,
)

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


def malformed_tags(paragraphs: Sequence[Para]) -> list[Issue]:
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
class TemplatePart:
    name: str
    paragraphs: list[Para]
    tags: list[Tag]


def template_paragraphs(root: Element, prefix: str) -> list[Para]:
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


def jinja_source(written: str) -> tuple[str, str | None]:
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


def scan_tags(paragraphs: Sequence[Para]) -> tuple[list[Tag], list[Issue]]:
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
            source, level = jinja_source(written)
            if source:
                tags.append(Tag(written, source, para.place, level, para.element))
    return tags, issues


def docxtpl_level_issues(tags: Sequence[Tag], paragraphs: Sequence[Para]) -> list[Issue]:
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


def block_issues(tags: Sequence[Tag]) -> list[Issue]:
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
