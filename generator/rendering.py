"""Context → DOCX bytes: the only module that uses docxtpl.

Each template is rendered by the direct path of directrender (its parts rendered with the
compiled templates and spliced into its zip) wherever that path can; docxtpl's own render
does the rest (a picture in the context, a header or footer that a render leaves malformed).

Templates only format: every figure arrives computed; the Jinja filters are the
Vietnamese formats of vnformat. StrictUndefined turns a misspelt variable into
an error that names the template, never into an empty gap on paper.
"""

from __future__ import annotations

import contextlib
import contextvars
import ctypes
import datetime as dt
import functools
import io
import re
import threading
import time
import zipfile
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.sandbox
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI, PackURI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from generator import directrender, docprops, renderproof, vnformat
from generator.documents import Picture, Row
from generator.errors import NtmError, TemplateProblem
from generator.files import zip_entry
from generator.zipguard import guard_docx

# docxtpl's resolve_listing only changes its characters inside <w:t> text
_LISTING_CHARACTERS = re.compile(f"<w:t(?: [^>]*)?>[^<]*[{renderproof.LISTED}]")


class _PreparedTemplate(DocxTemplate):  # type: ignore[misc]
    """docxtpl's template, with the work that does not depend on the data kept across renders.

    docxtpl cleans each XML part with regular expressions (patch_xml) and compiles
    it with Jinja on every render; both depend only on the template, so a run that
    renders many documents from one template does them once (the compiling is
    cached by _SandboxEnvironment).
    """

    _patched: dict[str, str] = {}

    def resolve_listing(self, xml: str) -> str:
        # docxtpl turns \n, \t, \a and \f inside text into breaks, tabs and paragraphs;
        # its scan of every run is most of a render, and most documents hold none of them.
        if not _LISTING_CHARACTERS.search(xml):
            return xml
        return str(super().resolve_listing(xml))

    def patch_xml(self, src_xml: str) -> str:
        patched = self._patched.get(src_xml)
        if patched is None:
            patched = self._patched[src_xml] = super().patch_xml(src_xml)
        return patched


class TemplateLimitExceeded(Exception):
    """A template asked for more work than a document needs: `limit` says which bound was hit."""

    def __init__(self, limit: str) -> None:
        super().__init__(limit)
        self.limit = limit


class _RenderTimeout(Exception):
    """Raised inside the rendering thread by the watchdog when MAX_RENDER_SECONDS have passed."""


# The work one render may do (README, "Giới hạn"). A real document needs a few hundred
# loop turns and well under a megabyte of XML; these bounds stop a template passed on
# from elsewhere from running for ever or filling the memory.
MAX_RENDER_SECONDS = 60.0
MAX_LOOP_ITEMS = 1_000_000  # items produced by range() in one render, all loops together
MAX_OUTPUT_CHARS = 50_000_000  # XML written by one render, all parts together
MAX_VALUE_CHARS = 5_000_000  # one string or list made inside a template
MAX_NUMBER_ARGUMENT = 100_000  # a number given to a filter or an operator that makes text
MAX_EXPONENT = 1_000  # in 'a ** b': a document never needs a number of thousands of digits


def _count(number: int) -> str:
    """100000 → '100.000' (the Vietnamese thousands separator)."""
    return f"{number:,}".replace(",", ".")


_LIMIT_TEXTS = {
    "loop": f"tổng số vòng lặp range() tối đa {_count(MAX_LOOP_ITEMS)} lượt",
    "range": f"một range() tối đa {_count(jinja2.sandbox.MAX_RANGE)} phần tử",
    "output": f"độ dài văn bản dựng ra tối đa {_count(MAX_OUTPUT_CHARS)} ký tự",
    "value": f"một chuỗi hoặc danh sách trong mẫu tối đa {_count(MAX_VALUE_CHARS)} phần tử",
    "number": f"số đưa vào bộ lọc hoặc hàm căn lề (center, indent, ljust…) tối đa {_count(MAX_NUMBER_ARGUMENT)}",
    "exponent": f"số mũ tối đa {_count(MAX_EXPONENT)}",
}


def _time_text() -> str:
    return f"thời gian dựng một văn bản tối đa {MAX_RENDER_SECONDS:g} giây"


@dataclass
class _Budget:
    deadline: float
    loop_items: int = 0
    output_chars: int = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimitExceeded(_time_text())


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("ntm_render_budget", default=None)


def _budget() -> _Budget:
    budget = _BUDGET.get()
    # outside any render (a range() kept and iterated by other code): a budget of its own
    return budget if budget is not None else _Budget(time.monotonic() + MAX_RENDER_SECONDS)


def _sized(value: Any) -> Any:
    """`value` unchanged, unless it is a string or sequence longer than MAX_VALUE_CHARS."""
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_VALUE_CHARS:
        raise TemplateLimitExceeded(_LIMIT_TEXTS["value"])
    return value


def _counted_range(*args: int) -> Iterator[int]:
    """The sandbox's range (at most MAX_RANGE items), counting every item against the render's budget."""
    try:
        numbers = jinja2.sandbox.safe_range(*args)
    except OverflowError:
        raise TemplateLimitExceeded(_LIMIT_TEXTS["range"]) from None
    budget = _budget()
    for number in numbers:
        budget.loop_items += 1
        if budget.loop_items > MAX_LOOP_ITEMS:
            raise TemplateLimitExceeded(_LIMIT_TEXTS["loop"])
        if not budget.loop_items & 0x3FF:
            budget.tick()
        yield number


def _big_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_NUMBER_ARGUMENT


# Filters and string methods whose work grows with a number argument ('x'|center(10**9),
# 'x'.ljust(10**9)): that number is bounded before the call. Other numbers (a sum of money
# given to |format) are data and pass.
_SIZING_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate"})
_SIZING_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that counts against the time budget and refuses huge results (and, for the
    filters of _SIZING_FILTERS, huge number arguments)."""
    sizing = name in _SIZING_FILTERS

    @functools.wraps(function)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        if sizing:
            skip = 2 if getattr(function, "jinja_pass_arg", None) else 1  # the value, after any context
            if any(_big_number(a) for a in (*args[skip:], *kwargs.values())):
                raise TemplateLimitExceeded(_LIMIT_TEXTS["number"])
        _budget().tick()
        return _sized(function(*args, **kwargs))

    return bounded


class _BoundedTemplate(jinja2.Template):
    """Renders chunk by chunk, stopping at the output and time limits."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        context = self.new_context(dict(*args, **kwargs))
        budget = _BUDGET.get()
        token = None
        if budget is None:  # rendered outside render_docx: this render gets its own budget
            budget = _Budget(time.monotonic() + MAX_RENDER_SECONDS)
            token = _BUDGET.set(budget)
        parts: list[str] = []
        try:
            for chunk in self.root_render_func(context):
                budget.output_chars += len(chunk)
                if budget.output_chars > MAX_OUTPUT_CHARS:
                    raise TemplateLimitExceeded(_LIMIT_TEXTS["output"])
                if len(parts) & 0xFF == 0:
                    budget.tick()
                parts.append(chunk)
        except (TemplateLimitExceeded, _RenderTimeout):
            raise
        except Exception:
            self.environment.handle_exception()
        finally:
            if token is not None:
                _BUDGET.reset(token)
        return self.environment.concat(parts)


class _Concat(CodeGenerator):
    """Compiles '~' so that each joined string passes the size bound (no doubling to gigabytes)."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")


class _SandboxEnvironment(ImmutableSandboxedEnvironment):
    """The only Jinja environment of ntm: Jinja's immutable sandbox, with bounded work.

    No attribute starting with '_' is reachable, no list or dict can be changed, and
    every loop turn of range(), output chunk, filter call and '*', '**', '+', '~'
    counts against the limits above. Compiles each template source once: docxtpl asks
    for the same XML on every render.
    """

    template_class = _BoundedTemplate
    code_generator_class = _Concat
    intercepted_binops = frozenset(["*", "**", "+"])

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._sources: dict[str, jinja2.Template] = {}
        self.globals.pop("lipsum", None)  # makes text of any length; nothing in a document needs it
        self.globals["range"] = _counted_range
        self.sized = _sized

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if (
            operator == "**"
            and isinstance(right, int)
            and right > MAX_EXPONENT
            and isinstance(left, (int, float))
            and abs(left) > 1
        ):
            raise TemplateLimitExceeded(_LIMIT_TEXTS["exponent"])
        if operator == "*" and isinstance(left, (str, list, tuple)) != isinstance(right, (str, list, tuple)):
            count = right if isinstance(left, (str, list, tuple)) else left
            text = left if isinstance(left, (str, list, tuple)) else right
            if isinstance(count, int) and len(text) * count > MAX_VALUE_CHARS:
                raise TemplateLimitExceeded(_LIMIT_TEXTS["value"])
        return _sized(super().call_binop(context, operator, left, right))

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        _budget().tick()
        if isinstance(getattr(__obj, "__self__", None), str) and getattr(__obj, "__name__", "") in _SIZING_METHODS:
            if any(_big_number(a) for a in (*args, *kwargs.values())):
                raise TemplateLimitExceeded(_LIMIT_TEXTS["number"])
        return _sized(super().call(__context, __obj, *args, **kwargs))

    def from_string(  # type: ignore[override]
        self, source: str, globals: MutableMapping[str, Any] | None = None, template_class: type[jinja2.Template] | None = None
    ) -> jinja2.Template:
        if globals or template_class:
            return super().from_string(source, globals, template_class)
        template = self._sources.get(source)
        if template is None:
            template = self._sources[source] = super().from_string(source)
        return template


_TEMPLATE_BYTES: dict[tuple[str, int, int], bytes] = {}


def _template_bytes(template: Path) -> bytes:
    """The template file's bytes, read once per run (and again if the file changes)."""
    info = template.stat()
    key = (str(template.resolve()), info.st_mtime_ns, info.st_size)
    data = _TEMPLATE_BYTES.get(key)
    if data is None:
        data = template.read_bytes()
        guard_docx(data, template.name, TemplateProblem)  # sizes, entities, macros: once per file version
        _TEMPLATE_BYTES[key] = data
    return data


# docxtpl templates opened by the template check, handed to the direct path's `prepare` of the
# same bytes (which only reads them), so that a checked template is opened by python-docx once.
_OPENED: dict[bytes, _PreparedTemplate] = {}


def _opened(data: bytes) -> _PreparedTemplate:
    document = _OPENED.pop(data, None)
    return document if document is not None else _PreparedTemplate(io.BytesIO(data))


def patched_body(template: Path) -> str:
    """The template's body XML after docxtpl's patch_xml, from the same cached bytes and
    patch as the renderer: the template check reads it."""
    data = _template_bytes(template)
    document = _opened(data)
    document.init_docx()
    if len(_OPENED) > 8:  # checked, never rendered (ntm check --template on many files)
        _OPENED.clear()
    _OPENED[data] = document
    return str(document.patch_xml(document.get_xml()))


def compile_body(patched: str) -> None:
    """Compiles a patched body as the renderer does (raises Jinja's TemplateSyntaxError, whose
    line is the paragraph's), in the shared environment that keeps it for the render:
    `ntm generate` checks, then renders, each template, and so compiles it once."""
    environment = shared_environment()
    try:
        environment.from_string(directrender.jinja_source(environment, patched)[0])
    except jinja2.TemplateSyntaxError:
        # compiled as it is, a part is one line: docxtpl's source gives the error its paragraph's line
        environment.from_string(directrender.split_paragraphs(patched))
        raise


@functools.cache
def shared_environment() -> jinja2.Environment:
    """One environment per process, so that compiled templates are found again."""
    return jinja_environment()


def jinja_environment() -> jinja2.Environment:
    """The one factory of Jinja environments: rendering and the template check both use it."""
    # finalize only notes whether each printed value is plain (renderproof); it changes none
    env = _SandboxEnvironment(undefined=jinja2.StrictUndefined, autoescape=True, finalize=renderproof.finalize)
    env.filters.update(
        number=vnformat.number,
        money=vnformat.money,
        quantity=vnformat.quantity,
        percent=vnformat.percent,
        date_long=vnformat.date_long,
        date_short=vnformat.date_short,
    )
    env.filters = {name: _bounded_filter(name, function) for name, function in env.filters.items()}
    return env


def _package_bytes(document: DocxTemplate) -> bytes:
    """The rendered package as a zip with fixed entry times, written once.

    This is python-docx's OpcPackage.save with ntm's fixed zip entries (files.zip_entry),
    so that the same inputs give the same bytes without compressing twice. docxtpl's
    own save adds only picture and media replacement, which ntm does not use.
    """
    package = document.docx.part.package
    for part in package.parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:

        def put(uri: PackURI, blob: bytes) -> None:
            archive.writestr(zip_entry(uri.membername), blob)

        put(CONTENT_TYPES_URI, _ContentTypesItem.from_parts(package.parts).blob)  # type: ignore[no-untyped-call]
        put(PACKAGE_URI.rels_uri, package.rels.xml)
        for part in package.parts:
            put(part.partname, part.blob)
            if len(part.rels):
                put(part.partname.rels_uri, part.rels.xml)
    return out.getvalue()


# a context's text loses what XML forbids (tab and line breaks stay)
_XML_ILLEGAL = re.compile(f"[{renderproof.XML_FORBIDDEN}]")


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _XML_ILLEGAL.sub("", value)
    if isinstance(value, Row):
        return Row({k: _clean(v) for k, v in value.values.items()})
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _clean(v) for k, v in value.items()}
    return value


def _with_images(document: DocxTemplate, context: Mapping[str, Any]) -> dict[str, Any]:
    """Pictures become docxtpl InlineImages, which need the template they go into;
    text loses the characters that XML cannot hold."""
    return {
        key: InlineImage(document, io.BytesIO(value.png), width=Mm(value.width_mm))
        if isinstance(value, Picture)
        else _clean(value)
        for key, value in context.items()
    }


class _Watchdog:
    """One thread for every render of the process (starting a timer thread per render cost
    about 0.6 ms, a twentieth of a render): it raises _RenderTimeout, CPython's async
    exception, in a rendering thread whose deadline has passed.

    A render is registered and unregistered under the lock the watchdog fires under, so
    that it never fires once the work is over; any exception still pending then is cleared,
    so that it can never surface in later code.
    """

    def __init__(self) -> None:
        self._wake = threading.Condition(threading.Lock())
        self._active: dict[int, tuple[float, int]] = {}  # render → (deadline, thread ident)
        self._count = 0
        self._thread: threading.Thread | None = None

    def start(self, seconds: float) -> int:
        with self._wake:
            self._count += 1
            self._active[self._count] = (time.monotonic() + seconds, threading.get_ident())
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="ntm-render-watchdog", daemon=True)
                self._thread.start()
            self._wake.notify()
            return self._count

    def stop(self, render: int) -> None:
        with self._wake:
            self._active.pop(render, None)
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(threading.get_ident()), None)

    def _run(self) -> None:
        with self._wake:
            while True:
                now = time.monotonic()
                for render, (deadline, thread) in list(self._active.items()):
                    if deadline <= now:
                        del self._active[render]
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(_RenderTimeout))
                deadlines = [deadline for deadline, _ in self._active.values()]
                self._wake.wait(max(min(deadlines) - now, 0.001) if deadlines else None)


_WATCHDOG = _Watchdog()


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Stops the work of this thread after `seconds`, even inside a loop that yields nothing."""
    render = _WATCHDOG.start(seconds)
    try:
        yield
    finally:
        _WATCHDOG.stop(render)


def _limit_problem(template: Path, limit: str) -> TemplateProblem:
    return TemplateProblem(
        f"Mẫu '{template.name}' đòi làm quá nhiều việc và đã bị dừng: vượt giới hạn {limit}. "
        "Mẫu chỉ được điền và định dạng số liệu; hãy bỏ vòng lặp hoặc phép tính lớn khỏi mẫu "
        "(hoặc dùng lại mẫu đi kèm chương trình)."
    )


def _libraries_of_the_template() -> tuple[Path, ...]:
    import docxtpl
    import lxml

    return tuple(Path(module.__file__ or "").resolve().parent for module in (jinja2, docxtpl, lxml))


def _raised_in_our_code(exc: BaseException) -> bool:
    """True when the innermost frame of `exc` is neither the template's own code (compiled by
    Jinja, with no file of its own) nor Jinja, docxtpl or lxml: a context value or a filter of ntm."""
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    where = Path(tb.tb_frame.f_code.co_filename)
    if not where.is_file():
        return False  # the template's code
    where = where.resolve()
    return not any(where.is_relative_to(library) for library in _libraries_of_the_template())


def render_docx(template: Path, context: Mapping[str, Any], stamp: dt.datetime, title: str, kind: str | None = None) -> bytes:
    """Renders one document; `stamp` and `title` become its fixed document properties, and
    `kind` ('kh', 'pl', 'kht', 'bc', 'bcn') its custom property `ntm-loai` (see docprops).

    The template runs in the sandbox of jinja_environment() within the limits above.
    """
    token = _BUDGET.set(_Budget(time.monotonic() + MAX_RENDER_SECONDS))
    try:
        data = _template_bytes(template)
        with _time_limit(MAX_RENDER_SECONDS):
            return _render(data, context, _properties(stamp, title), docprops.kind_properties(kind))
    except TemplateLimitExceeded as exc:
        raise _limit_problem(template, exc.limit) from None
    except _RenderTimeout:
        raise _limit_problem(template, _time_text()) from None
    except SecurityError as exc:
        raise TemplateProblem(
            f"Mẫu '{template.name}' dùng một thao tác không được phép ({exc}): mẫu chỉ được điền và định dạng "
            "số liệu, không được gọi mã lệnh. ntm đã chặn thao tác này; hãy bỏ thẻ đó khỏi mẫu "
            "(chạy 'ntm check --template' để tìm)."
        ) from None
    except RecursionError:
        raise _limit_problem(template, "độ sâu lời gọi macro lồng nhau") from None
    except MemoryError:
        raise _limit_problem(template, "bộ nhớ máy") from None
    except jinja2.UndefinedError as exc:
        raise TemplateProblem(
            f"Mẫu '{template.name}' dùng một biến mà chương trình không cung cấp: {exc.message}. "
            f"Hãy sửa tên biến trong mẫu (chạy 'ntm check --template {template.name}')."
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(f"Mẫu '{template.name}' có thẻ {{% … %}} hoặc {{{{ … }}}} viết sai: {exc.message}.") from None
    except NtmError:
        raise
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise TemplateProblem(f"Không đọc được mẫu '{template}': {exc}.") from None
    except Exception as exc:  # noqa: BLE001 - what the template or docxtpl raises is the template's fault…
        if _raised_in_our_code(exc):
            raise  # …but a fault in ntm's own code is a bug, never reported as a broken template
        raise TemplateProblem(f"docxtpl không dựng được mẫu '{template.name}': {type(exc).__name__}: {exc}.") from exc
    finally:
        _BUDGET.reset(token)


def _properties(stamp: dt.datetime, title: str) -> dict[str, Any]:
    """The document's fixed core properties: the same inputs give the same bytes."""
    return {
        "created": stamp,
        "modified": stamp,
        "last_printed": stamp,
        "revision": 1,
        "author": "ntm",
        "last_modified_by": "ntm",
        "title": title,
    }


# The prepared direct template of each template file version (keyed by its bytes, whose hash
# Python keeps), or None where the template needs docxtpl's own path.
_DIRECT: dict[bytes, directrender.DirectTemplate | None] = {}


def _direct(data: bytes) -> directrender.DirectTemplate | None:
    if data not in _DIRECT:
        try:
            _DIRECT[data] = directrender.prepare(data, _opened(data), shared_environment())
        except directrender.NotDirect:
            _DIRECT[data] = None
    return _DIRECT[data]


def _render(data: bytes, context: Mapping[str, Any], properties: Mapping[str, Any], custom: Mapping[str, str]) -> bytes:
    """The direct path (directrender) where it can; docxtpl's own render where it cannot:
    a picture in the context, or a template or render that the direct path refuses."""
    direct = _direct(data)
    if direct is not None and not any(isinstance(value, Picture) for value in context.values()):
        try:
            return directrender.render(
                direct, {key: _clean(value) for key, value in context.items()}, shared_environment(), properties, custom
            )
        except directrender.NotDirect:
            pass
    return render_with_docxtpl(data, context, properties, custom)


def render_with_docxtpl(
    data: bytes, context: Mapping[str, Any], properties: Mapping[str, Any], custom: Mapping[str, str] | None = None
) -> bytes:
    """docxtpl's own render of a template's bytes (the path the direct one must match)."""
    document = _PreparedTemplate(io.BytesIO(data))
    document.render(_with_images(document, context), jinja_env=shared_environment())
    core = document.docx.core_properties
    for name, value in properties.items():
        setattr(core, name, value)
    if custom:
        _set_custom_properties(document.docx.part.package, custom)
    return _package_bytes(document)


def _set_custom_properties(package: Any, custom: Mapping[str, str]) -> None:
    """`custom` added to the package's custom properties part (made, and related, if it has none)."""
    from docx.opc.part import Part

    part = next(
        (rel.target_part for rel in package.rels.values() if not rel.is_external and rel.reltype == docprops.CUSTOM_REL), None
    )
    if part is None:
        part = Part(PackURI(f"/{docprops.CUSTOM_PART}"), docprops.CUSTOM_TYPE, docprops.custom_xml(None, custom), package)
        package.relate_to(part, docprops.CUSTOM_REL)
    else:
        part._blob = docprops.custom_xml(part.blob, custom)
