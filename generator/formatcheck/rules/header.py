"""The header block: organ names, «*», number, national title and its line, place and date;
then the type line and the trích yếu."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from generator import vnformat
from generator.formatcheck.engine import ALIGN_NAMES, Issue, Look, Profile, fmt_range, look_issue, look_problems
from generator.formatcheck.parts import DATE_LOOSE, PARTY_TITLE, Family, Line, Parts, find_parts, is_caps, is_rule_line
from generator.formatcheck.reading import W_P, Doc, attr, find_child, has_drawing, is_table_borderless, snippet, squash


def _line_look(doc: Doc, line: Line, look: Look, what: str) -> Iterator[Issue]:
    """A header line's look; a tab-laid-out half shares its runs with the other half: not judged."""
    if line.whole:
        yield from look_issue(doc, line.para, look, what)


def _national(parts: Parts) -> str:
    return (
        "«ĐẢNG CỘNG SẢN VIỆT NAM»"
        if parts.family is not Family.STATE
        else "«CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM», «Độc lập - Tự do - Hạnh phúc»"
    )


def check_header_block(doc: Doc, profile: Profile) -> Iterator[Issue]:
    parts = find_parts(doc)
    if parts.annex_title is not None:
        return
    if parts.header is None:
        yield Issue(
            "đầu văn bản",
            "không nhận ra đầu văn bản (tên cơ quan bên trái, tiêu đề bên phải)",
            f"đầu văn bản: trái tên cơ quan ban hành, số và ký hiệu; phải {_national(parts)}, địa danh và ngày tháng",
        )
        return
    table = parts.header.table
    if table is not None and not is_table_borderless(table.element, doc.styles):
        yield Issue(parts.header.where, "bảng đầu văn bản có viền", "bảng đầu văn bản không có viền")


def left_parts(parts: Parts) -> tuple[list[Line], Line | None, Line | None, Line | None]:
    """(superior body lines, issuing body, star, number line) of the header's left side."""
    lines = parts.left_lines()
    star_lines = (
        [line for line in parts.header.left if squash(line.text).strip("*") == "" and "*" in line.text] if parts.header else []
    )
    lines = [line for line in lines if line not in star_lines]
    number_index = next((i for i, line in enumerate(lines) if line.text.startswith("Số")), len(lines))
    number = lines[number_index] if number_index < len(lines) else None
    names = lines[:number_index]
    star = star_lines[0] if star_lines else None
    issuing = names[-1] if names else None
    return names[:-1], issuing, star, number


def check_superior_body(doc: Doc, profile: Profile) -> Iterator[Issue]:
    parts = find_parts(doc)
    if parts.header is None:
        return
    superior, _, _, _ = left_parts(parts)
    for line in superior:
        yield from _line_look(doc, line, Look(size=profile.organ, caps=True, bold=False), "tên cơ quan cấp trên")


def check_issuing_body(doc: Doc, profile: Profile) -> Iterator[Issue]:
    parts = find_parts(doc)
    if parts.header is None:
        return
    _, issuing, _, _ = left_parts(parts)
    required = f"tên cơ quan ban hành cỡ {fmt_range(profile.organ)}, in hoa, đậm"
    if issuing is None:
        yield Issue(f"{parts.header.where}, bên trái", "không có tên cơ quan ban hành", required)
        return
    yield from _line_look(doc, issuing, Look(size=profile.organ, caps=True, bold=True), "tên cơ quan ban hành")


def check_star(doc: Doc, profile: Profile) -> Iterator[Issue]:
    parts = find_parts(doc)
    if parts.header is None or not profile.star:
        return
    _, _, star, _ = left_parts(parts)
    if star is None:
        yield Issue(
            f"{parts.header.where}, bên trái",
            "không có dấu «*» dưới tên cơ quan ban hành",
            "dấu «*» căn giữa dưới tên cơ quan ban hành",
        )
    elif star.whole and doc.styles.alignment(star.para.element) != "center":
        yield Issue(star.place, f"dấu «*» {ALIGN_NAMES.get(doc.styles.alignment(star.para.element), '')}", "dấu «*» căn giữa")


_TAG = re.compile(r"\{\{.*?\}\}|\{[^{}]*\}|«[^«»]*»")
_NUMBER_36 = vnformat.NUMBER_LINE_36
_DRAFT_36 = vnformat.DRAFT_NUMBER_LINE_36
_NUMBER_30 = vnformat.NUMBER_LINE_30


def _number_required(profile: Profile) -> str:
    if profile.number_colon:
        return f"«Số: 15/QĐ-UBND» (bản nháp «Số:    /QĐ-UBND»): có dấu hai chấm, cỡ {fmt_range(profile.number)}, không đậm"
    return f"«Số 11-KH/ĐU» (bản nháp «Số    -BC/ĐU»): không có dấu hai chấm, số 1–9 thêm 0 («Số 05-BC/ĐU»), cỡ {fmt_range(profile.number)}, không đậm"


def check_number(doc: Doc, profile: Profile) -> Iterator[Issue]:
    parts = find_parts(doc)
    if parts.header is None:
        return
    _, _, _, number = left_parts(parts)
    required = _number_required(profile)
    if number is None:
        yield Issue(f"{parts.header.where}, bên trái", "không có dòng số và ký hiệu", required)
        return
    text = squash(_TAG.sub("X", number.text))
    shown = number.text.strip()
    if profile.number_colon:
        if not re.match(r"^Số\s*:", text):
            yield Issue(number.place, f"«{shown}» thiếu dấu hai chấm sau «Số»", required)
        elif not _NUMBER_30.match(re.sub(r"\s+", " ", text)):
            yield Issue(number.place, f"«{shown}» không đúng dạng số và ký hiệu", required)
    else:
        match = _NUMBER_36.match(text)
        if re.match(r"^Số\s*:", text):
            yield Issue(number.place, f"«{shown}» có dấu hai chấm sau «Số»", required)
        elif re.match(r"^Số\s*\d(?!\d)", text):
            yield Issue(number.place, f"«{shown}»: số từ 1 đến 9 chưa thêm số 0 ở trước", required)
        elif match and match.group(1) != "X" and int(match.group(1)) == 0:
            yield Issue(number.place, f"«{shown}»: số văn bản bằng 0", required)
        elif not match and not _DRAFT_36.match(text):
            yield Issue(number.place, f"«{shown}» không đúng dạng số và ký hiệu", required)
    yield from _line_look(doc, number, Look(size=profile.number, bold=False), "số và ký hiệu")


def check_national_title(doc: Doc, profile: Profile) -> Iterator[Issue]:
    parts = find_parts(doc)
    if parts.header is None:
        return
    title = parts.title_line
    state = parts.family is Family.STATE
    wanted = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" if state else PARTY_TITLE
    if title is None:
        right = parts.right_lines()
        found = f"«{snippet(right[0].text)}»" if right else "không có"
        yield Issue(
            f"{parts.header.where}, bên phải",
            f"dòng đầu bên phải là {found}",
            f"«{wanted}» cỡ {fmt_range(profile.national_title)}, in hoa, đậm",
        )
        return
    if not state and squash(title.text) != PARTY_TITLE:
        yield Issue(title.place, f"«{squash(title.text)}»", f"«{PARTY_TITLE}» viết hoa đúng chính tả")
    yield from _line_look(doc, title, Look(size=profile.national_title, caps=True, bold=True), f"tiêu đề «{wanted}»")
    if state:
        right = parts.right_lines()
        index = right.index(title)
        motto = right[index + 1] if index + 1 < len(right) and right[index + 1].text.startswith("Độc lập") else None
        if motto is not None:
            yield from _line_look(doc, motto, Look(size=(13, 14), bold=True), "tiêu ngữ «Độc lập - Tự do - Hạnh phúc»")


def _solid(value: str | None) -> bool:
    return value is not None and value.lower() in ("single", "thick")


def check_title_underline(doc: Doc, profile: Profile) -> Iterator[Issue]:
    """A solid line under «ĐẢNG CỘNG SẢN VIỆT NAM» (HD36) or under the motto (ND30)."""
    parts = find_parts(doc)
    title = parts.title_line
    if title is None or not title.whole:
        return
    line = title
    right = parts.right_lines()
    if parts.family is Family.STATE:
        index = right.index(title)
        if index + 1 < len(right) and right[index + 1].text.startswith("Độc lập"):
            line = right[index + 1]
        if not line.whole:
            return
    para = line.para
    for level in doc.styles.paragraph_levels(para.element):
        if _solid(attr(find_child(level, "pBdr", "bottom"), "val")):
            return
    if has_drawing(para.element):
        return
    container = para.element.getparent()
    siblings = [c for c in container if c.tag == W_P]
    if para.element in siblings:
        index = siblings.index(para.element)
        following = siblings[index + 1] if index + 1 < len(siblings) else None
        if following is not None and (
            has_drawing(following)
            or _solid(attr(find_child(following, "pPr", "pBdr", "top"), "val"))
            or is_rule_line(squash("".join(t.text or "" for t in following.iter())))
        ):
            return
    if parts.header is not None and parts.header.table is not None and any(is_rule_line(x.text) for x in parts.header.right):
        return
    what = squash(line.text)
    yield Issue(
        line.place,
        f"không có đường kẻ liền dưới «{snippet(what)}»",
        f"một đường kẻ liền (viền dưới đoạn hoặc đường vẽ) dưới «{snippet(what)}»",
    )


_DATE_LINE = vnformat.DATE_LINE_36


def _date_required(profile: Profile) -> str:
    return f"«Bình Xa, ngày 15 tháng 01 năm 2021»: ngày 2 chữ số, tháng 1 và 2 thêm 0, tháng 3–12 không thêm 0; cỡ {fmt_range(profile.date)}, nghiêng"


def check_place_date(doc: Doc, profile: Profile) -> Iterator[Issue]:
    parts = find_parts(doc)
    if parts.header is None:
        return
    line = parts.date_line
    required = _date_required(profile)
    if line is None:
        if parts.header.layout != "single-line":
            yield Issue(f"{parts.header.where}, bên phải", "không có dòng địa danh, ngày tháng", required)
        return
    text = squash(_TAG.sub("X", line.text))
    if re.search(r"\.{3,}|…", text) or ("X" in text and "ngày" not in text.casefold()):
        pass  # a blank form (the date written by hand) or a template whose one tag is the whole date
    elif not _DATE_LINE.match(text):
        loose = re.search(r"ngày\s*(\S*)\s+tháng\s*(\S*)\s+năm", text)
        why = "không đúng dạng «<địa danh>, ngày … tháng … năm …»"
        if loose:
            day, month = loose.group(1), loose.group(2)
            if day.isdigit() and len(day) == 1:
                why = f"ngày «{day}» chưa thêm số 0 (viết «0{day}»)"
            elif month in ("1", "2"):
                why = f"tháng «{month}» chưa thêm số 0 (viết «0{month}»)"
            elif month.isdigit() and len(month) == 2 and month.startswith("0") and month not in ("01", "02"):
                why = f"tháng «{month}» thêm số 0 thừa (viết «{int(month)}»)"
        elif re.search(r"Ngày", text):
            why = "«Ngày» viết hoa giữa dòng (viết «ngày»)"
        yield Issue(line.place, f"«{line.text.strip()}»: {why}", required)
    else:
        match = DATE_LOOSE.search(text)
        if match and match.group(1) and match.group(2):
            try:
                dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            except ValueError:
                yield Issue(line.place, f"«{text}»: ngày không có thật", required)
    yield from _line_look(doc, line, Look(size=profile.date, italic=True), "địa danh, ngày tháng")


# ---------------------------------------------------------------- type and title


def check_type(doc: Doc, profile: Profile) -> Iterator[Issue]:
    parts = find_parts(doc)
    if parts.annex_title is not None:
        return
    look = Look(size=profile.type_line, caps=True, bold=True, align="center")
    line = parts.type_line
    if line is None:
        yield Issue("sau đầu văn bản", "không có tên loại văn bản", f"tên loại (KẾ HOẠCH, BÁO CÁO…) {look.describe()}")
        return
    yield from look_issue(doc, line, look, "tên loại văn bản")


def check_title(doc: Doc, profile: Profile) -> Iterator[Issue]:
    parts = find_parts(doc)
    if parts.annex_title is not None or parts.type_line is None:
        return
    party = parts.family is not Family.STATE
    required = f"trích yếu căn giữa, cỡ {fmt_range(profile.trich_yeu)}, đậm" + (
        ", bắt đầu bằng chữ thường; dưới là dòng «-----» căn giữa" if party else "; dưới là một đường kẻ ngang"
    )
    lines = parts.title_lines
    main = [p for p in lines if not is_caps(p.text)]
    if not lines:
        yield Issue(parts.type_line.place, "không có trích yếu dưới tên loại văn bản", required)
    elif not main:
        yield Issue(lines[-1].place, "trích yếu viết in hoa toàn bộ", required)
    elif party and not squash(main[0].text).startswith("("):
        first = next((c for c in squash(main[0].text) if c.isalpha()), "")
        if first and not first.islower():
            yield Issue(main[0].place, f"trích yếu bắt đầu bằng chữ hoa «{first}»", required)
    for para in lines:
        problems = look_problems(doc, para, Look(size=profile.trich_yeu, bold=True, align="center"))
        if problems:
            yield Issue(para.place, f"trích yếu: {', '.join(problems)}", required)
    if party and lines and parts.dashes is None:
        yield Issue(lines[-1].place, "không có dòng «-----» dưới trích yếu", required)
    elif parts.dashes is not None and doc.styles.alignment(parts.dashes.element) != "center":
        yield Issue(parts.dashes.place, "dòng «-----» không căn giữa", required)
