"""The end of a document: signature, Nơi nhận; an annex's title; the 2025 hierarchy."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from generator.formatcheck.engine import Issue, Look, Profile, fmt_range, is_template_tag, look_issue, look_problems
from generator.formatcheck.parts import Family, find_parts
from generator.formatcheck.reading import Doc, Para, snippet, squash

# «(Đã ký)», «[ (Đã ký)», «(Ký, ghi rõ họ tên)», «(ký tên, đóng dấu)»: notes in the signature space, not lines to judge
_NOT_SIGNATURE = re.compile(r"^[\[(]|^Đã ký|^\W*$", re.IGNORECASE)


def _recipient_lines(paragraphs: list[Para]) -> list[tuple[Para, str]]:
    """One entry per recipient: a line that does not start with «-» continues the one above
    (a long recipient wrapped by hand); a paragraph with line breaks holds several."""
    lines: list[tuple[Para, str]] = []
    for para in paragraphs:
        for piece in (squash(x) for x in para.text.split("\n")):
            if not piece:
                continue
            if lines and not re.match(r"^[-–+]", piece) and not piece.casefold().startswith("nơi nhận"):
                previous, text = lines[-1]
                lines[-1] = (previous, f"{text} {piece}")
            else:
                lines.append((para, piece))
    return lines


def check_signature(doc: Doc, profile: Profile) -> Iterator[Issue]:
    table = find_parts(doc).recipients
    if table is None:
        return
    paragraphs = table.cell_paragraphs(0, 1)
    size = fmt_range(profile.signature)
    required = f"bên phải: thẩm quyền ký (T/M ĐẢNG ỦY) cỡ {size} in hoa đậm; chức vụ (BÍ THƯ) cỡ {size} in hoa; ít nhất 3 dòng trống để ký, đóng dấu; họ tên cỡ {size} đậm"
    filled = [i for i, p in enumerate(paragraphs) if p.text.strip() and not _NOT_SIGNATURE.match(squash(p.text))]
    if len(filled) == 1 and "\n" in paragraphs[filled[0]].text:
        return  # the whole signature in one paragraph with line breaks: its lines share their runs
    if len(filled) < 2:
        yield Issue(f"bảng {table.number}, dòng 1, ô 2", "không có đủ thẩm quyền ký, chức vụ và họ tên người ký", required)
        return
    authority = paragraphs[filled[0]]
    name_index = filled[-1]
    name = paragraphs[name_index]
    before_name = list(filled[1:-1])
    gap_start = before_name[-1] if before_name else filled[0]
    yield from look_issue(doc, authority, Look(size=profile.signature, caps=True, bold=True), "thẩm quyền ký")
    # HD36: the position is regular; ND30: bold like the authority, so only its size and caps
    position_bold = False if find_parts(doc).family is Family.PARTY else None
    for i in before_name:
        yield from look_issue(doc, paragraphs[i], Look(size=profile.signature, caps=True, bold=position_bold), "chức vụ người ký")
    gap = name_index - gap_start - 1
    if gap < 3:
        yield Issue(name.place, f"chỉ có {gap} dòng trống để ký, đóng dấu", required)
    if not is_template_tag(name.text):
        yield from look_issue(doc, name, Look(size=profile.signature, bold=True), "họ tên người ký")


def check_recipients(doc: Doc, profile: Profile) -> Iterator[Issue]:
    parts = find_parts(doc)
    if parts.annex_title is not None:
        return
    table = parts.recipients
    end = profile.recipient_end
    label_look = (
        Look(size=profile.recipients_label, bold=True, italic=True)
        if profile.label_bold_italic
        else Look(size=profile.recipients_label, underline=True)
    )
    if table is None and parts.closing and squash(parts.closing[0].text).startswith("Nơi nhận"):
        return  # Nơi nhận and signature side by side in tabbed paragraphs: found, not measured
    if table is None or not squash(" ".join(p.text for p in table.cell_paragraphs(0, 0))).casefold().startswith("nơi nhận"):
        place = f"bảng {table.number}, dòng 1, ô 1" if table is not None else "cuối văn bản"
        yield Issue(
            place, "không có «Nơi nhận»", f"cuối văn bản, bên trái chữ ký: «Nơi nhận:» ({label_look.describe()}) và các nơi nhận"
        )
        return
    paragraphs = [p for p in table.cell_paragraphs(0, 0) if p.text.strip()]
    lines = _recipient_lines(paragraphs)
    label = paragraphs[0]
    if "\n" not in label.text:
        problems = look_problems(doc, label, label_look, skip=lambda text: not text.strip(" :"))
        if problems:
            yield Issue(label.place, f"«Nơi nhận:»: {', '.join(problems)}", f"«Nơi nhận:» {label_look.describe()}")
    recipients = [(p, text) for p, text in lines if not text.casefold().startswith("nơi nhận") and not is_template_tag(text)]
    archive = "«- Lưu: VT, …»" if profile.number_colon else "«- Lưu VPĐU.»"
    required = f"mỗi nơi nhận một dòng cỡ {fmt_range(profile.recipients_line)}, bắt đầu «- », kết thúc «{end}»; dòng cuối {archive} kết thúc «.»"
    if not recipients:
        yield Issue(label.place, "không có nơi nhận nào", required)
        return
    for index, (para, text) in enumerate(recipients):
        last = index == len(recipients) - 1
        wrong = look_problems(doc, para, Look(size=profile.recipients_line)) if "\n" not in para.text else []
        if not re.match(r"^[-–]\s", text):
            wrong.append("không bắt đầu bằng «- »")
        if last:
            if not re.match(r"^[-–] Lưu\b", text):
                wrong.append("dòng cuối không phải «- Lưu …»")
            if not text.endswith("."):
                wrong.append("dòng cuối không kết thúc bằng «.»")
        elif not text.endswith(end):
            wrong.append(f"không kết thúc bằng «{end}»")
        if wrong:
            yield Issue(f"{para.place}: «{snippet(text)}»" if "\n" in para.text else para.place, "; ".join(wrong), required)


def check_annex(doc: Doc, profile: Profile) -> Iterator[Issue]:
    parts = find_parts(doc)
    title, citation = parts.annex_title, parts.annex_citation
    if title is None or citation is None:
        return
    required = "phụ lục: tên «PHỤ LỤC» hoặc tên riêng in hoa, đậm; dòng «(Kèm theo … số …, ngày … của …)» nghiêng"
    problems = look_problems(doc, title, Look(caps=True, bold=True))
    if problems:
        yield Issue(title.place, f"tên phụ lục: {', '.join(problems)}", required)
    problems = look_problems(doc, citation, Look(italic=True))
    if problems:
        yield Issue(citation.place, f"dòng «(Kèm theo …)»: {', '.join(problems)}", required)


_DISTRICT = re.compile(r"\bHUYỆN\b|/HU\b|\bQUẬN\b|\bTHỊ XÃ\b")
HIERARCHY_MESSAGE = "Từ 01/07/2025 không còn cấp huyện: cơ quan cấp trên của xã là cấp tỉnh (ví dụ ĐẢNG BỘ TỈNH TUYÊN QUANG)"


def check_hierarchy(doc: Doc, profile: Profile) -> Iterator[Issue]:
    for line in find_parts(doc).left_lines():
        upper = unicodedata.normalize("NFC", squash(line.text)).upper()
        if _DISTRICT.search(upper):
            yield Issue(line.place, f"đầu văn bản ghi cấp huyện («{squash(line.text)}»)", HIERARCHY_MESSAGE)
            return
