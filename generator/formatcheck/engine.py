"""The engine: findings, rules, rule tables (guidances) and the measurements a rule may
depend on (a `Profile`: sizes, margins, punctuation of one guidance).

A rule is a function `check(doc, profile) -> Iterable[Issue]`; the engine adds the rule's
code and severity. A guidance is a table of rules with one profile, so a new guidance is
one new entry and a new rule one function in the module of its part.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from generator.errors import Severity
from generator.formatcheck.parts import Kind
from generator.formatcheck.reading import Doc, Para, run_text

TNR = "Times New Roman"
ALIGN_NAMES = {"left": "căn trái", "right": "căn phải", "center": "căn giữa", "both": "căn đều hai bên", "distribute": "dàn đều"}
TWIPS_PER_MM = 1440 / 25.4


@dataclass(frozen=True)
class Finding:
    """One rule broken, with where: what was found and what the rule requires."""

    rule: str
    place: str
    found: str
    required: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return f"[{self.rule}] {self.severity.value}: {self.place}: {self.found} — yêu cầu: {self.required}"


@dataclass(frozen=True)
class Issue:
    """What a rule's check returns; the engine adds the rule's code and severity."""

    place: str
    found: str
    required: str


Range = tuple[float, float]


@dataclass(frozen=True)
class Profile:
    """The measurements of one guidance (mm for margins, pt for sizes)."""

    name: str
    margins: dict[str, Range]
    national_title: Range  # ĐẢNG CỘNG SẢN VIỆT NAM / CỘNG HÒA …
    organ: Range
    number: Range
    date: Range
    type_line: Range
    trich_yeu: Range
    body: Range
    signature: Range
    page_number: Range
    recipients_label: Range
    recipients_line: Range
    number_colon: bool  # «Số:» (ND30) or «Số» (HD36)
    star: bool  # «*» under the issuing body (HD36)
    recipient_end: str  # ',' (HD36) or ';' (ND30)
    label_bold_italic: bool  # «Nơi nhận:» bold italic (ND30) or underlined (HD36)
    line_exact: Range  # line spacing given as an exact height, pt


def fmt(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def fmt_range(values: Range) -> str:
    low, high = values
    return fmt(low) if low == high else f"{fmt(low)}–{fmt(high)}"


@dataclass(frozen=True)
class Look:
    """How a line must look; None = not checked."""

    size: Range | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    caps: bool | None = None
    align: str | None = None

    def describe(self) -> str:
        parts = []
        if self.size is not None:
            parts.append(f"cỡ {fmt_range(self.size)}")
        if self.caps:
            parts.append("chữ in hoa")
        if self.bold is not None:
            parts.append("đậm" if self.bold else "không đậm")
        if self.italic is not None:
            parts.append("nghiêng" if self.italic else "không nghiêng")
        if self.underline:
            parts.append("gạch chân")
        if self.align is not None:
            parts.append(ALIGN_NAMES.get(self.align, self.align))
        return ", ".join(parts)


def look_problems(doc: Doc, para: Para, look: Look, skip: Callable[[str], bool] = lambda text: False) -> list[str]:
    """What differs from `look`, in words ('cỡ 12', 'không đậm'…); [] when it matches."""
    styles = doc.styles
    problems: list[str] = []
    runs = [r for r in doc.text_runs(para) if not skip(run_text(r))]
    sizes = {styles.size(r, para.element) for r in runs}
    if look.size is not None:
        low, high = look.size
        wrong = sorted((s for s in sizes if s is None or not low - 0.25 <= s <= high + 0.25), key=lambda s: s or 0)
        if wrong:
            problems.append("cỡ " + ", ".join("không ghi" if s is None else fmt(s) for s in wrong))
    for name, wanted, yes, no in (("b", look.bold, "đậm", "không đậm"), ("i", look.italic, "nghiêng", "không nghiêng")):
        if wanted is None:
            continue
        if any(styles.flag(r, para.element, name) is not wanted for r in runs):
            problems.append(no if wanted else yes)
    if look.underline and not all(styles.underline(r, para.element) for r in runs):
        problems.append("không gạch chân")
    if look.caps:
        text = "".join(run_text(r) for r in runs if not styles.flag(r, para.element, "caps"))
        if not text == text.upper():
            problems.append("không in hoa")
    if look.align is not None and styles.alignment(para.element) != look.align:
        problems.append(ALIGN_NAMES.get(styles.alignment(para.element), styles.alignment(para.element)))
    return problems


def look_issue(doc: Doc, para: Para, look: Look, what: str) -> Iterator[Issue]:
    problems = look_problems(doc, para, look)
    if problems:
        yield Issue(para.place, f"{what}: {', '.join(problems)}", f"{what}: {look.describe()}")


def is_template_tag(text: str) -> bool:
    """A line that is only a template tag ({{ ho_ten }}, «Họ_tên»): filled in later, not judged."""
    return bool(re.fullmatch(r"\s*(?:\{[^{}]*\}|\{\{.*?\}\}|«[^«»]*»)\s*", text))


Check = Callable[[Doc, Profile], Iterable[Issue]]
BOTH_KINDS = frozenset(Kind)


@dataclass(frozen=True)
class Rule:
    code: str
    element: str  # what the rule is about, in words
    check: Check
    severity: Severity = Severity.ERROR
    since: dt.date | None = None  # applies to documents dated from this day (an undated one: always)
    kinds: frozenset[Kind] = BOTH_KINDS  # personal papers get only the rules that apply to them


@dataclass(frozen=True)
class Guidance:
    start: dt.date
    name: str
    rules: tuple[Rule, ...]
    profile: Profile


MAX_PER_RULE = 20


def run_rules(doc: Doc, guidance: Guidance, kind: Kind, day: dt.date | None) -> list[Finding]:
    findings: list[Finding] = []
    for rule in guidance.rules:
        if kind not in rule.kinds:
            continue
        if rule.since is not None and day is not None and day < rule.since:
            continue
        issues = list(dict.fromkeys(rule.check(doc, guidance.profile)))  # the same fault twice is told once
        for issue in issues[:MAX_PER_RULE]:
            findings.append(Finding(rule.code, issue.place, issue.found, issue.required, rule.severity))
        if len(issues) > MAX_PER_RULE:
            findings.append(
                Finding(
                    rule.code,
                    "nhiều chỗ khác",
                    f"và {len(issues) - MAX_PER_RULE} chỗ khác cùng lỗi",
                    issues[0].required,
                    rule.severity,
                )
            )
    return findings
