"""Rendering many pages of one template by shape: Jinja once per shape, string joins after.

100,000 officer pages differ only in their values. A page's *shape* is its keys, the length of
each list, which values are blank, and the values the template branches on (declared per
template, e.g. the status). For each
new shape the template is rendered once with a sentinel in place of every other value; the
output is split at the sentinels into a skeleton, and each later page of that shape is the
skeleton joined with its own values, HTML-escaped exactly as Jinja's autoescape does. QR codes
(`qr(text, label)`) are drawn from the substituted text, for many pages at once (`render_many`:
the QR encoder is fastest on a batch).

Safety: the first page of each shape is also rendered by Jinja in full and must come out
byte-identical; otherwise (a filter that transforms a value, a sentinel that did not survive)
that shape is rendered by Jinja for every page. Logic on values beyond "blank or not" must be
declared in `branch_keys`; if it is not, the spot checks (the first pages of every shape, then
one in `CHECK_EVERY`) find the difference and the build fails, naming the template.

The privacy gate reads a page by shape too (`render_flat`, `render_for_gate`): a skeleton's own
text is scanned once, and each page's values with the few letters/digits of the text around
them (privacy.gate.values_view) — exact, at a fraction of the page's bytes.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from ..privacy.gate import PrivacyGate, values_view

try:  # markupsafe's C escaper for a plain str: what escape() calls, without making a Markup
    from markupsafe._speedups import _escape_inner
except ImportError:  # pragma: no cover  (pure-Python markupsafe)
    def _escape_inner(text: str) -> str:
        return str(escape(text))

log = logging.getLogger("gongshi")

_OPEN, _CLOSE, _QR_OPEN, _QR_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"  # private-use characters
_PART_RE = re.compile(f"{_OPEN}(\\d+){_CLOSE}|{_QR_OPEN}(.*?){_QR_CLOSE}", re.S)
_RESOLVE_RE = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
CHECK_FIRST = 3
CHECK_EVERY = 500


class CheckedHtml(Markup):
    """HTML that has passed the privacy gate by itself, and whose parts (rows) each begin and
    end with a character no token holds (token_free_ends): no token reaches across its edges.
    A page's gate view therefore shows one space in its place (render_flat) instead of
    scanning it again. Made by pages.render.RowDrawer; any other Markup is scanned as usual.
    (Markup's methods return their own class: derive nothing from one.)"""

    __slots__ = ()


def token_free_ends(html: str) -> bool:
    """Whether a text's first and last characters can be no part of a gate token: not an ASCII
    letter or digit, and not a full-width one (the gate folds those into tokens)."""
    return not html or not any(c.isascii() and c.isalnum() or "\uff10" <= c <= "\uff5a" for c in (html[0], html[-1]))


class ShapeMismatch(RuntimeError):
    """A page rendered by skeleton differs from Jinja's: the template branches on a value that
    is not declared in its branch keys (the template's first line, pages.shapecheck)."""


@dataclass
class _Skeleton:
    texts: list[str]  # the template's own text, around ...
    slots: list[int | tuple[str, str]]  # ... each value (its index) or QR code ((text, label) templates)
    has_qr: bool = False
    edges: list[str] | None = None  # the texts as the privacy gate needs them; None: gate whole pages


_MISSING = _Skeleton([], [])  # a shape's skeleton before its first page


@dataclass
class _Shape:
    key: bytes  # the outline, hashed stably (part of page fingerprints: same in every process)
    skeleton: _Skeleton | None = field(default_factory=lambda: _MISSING)  # None: rendered by Jinja
    uses: int = 0


Flat = tuple[_Shape, list[Any]] | None  # a context flattened: its shape and values; None: no shape


class _Unshapeable(Exception):
    """A context holding something a shape cannot describe (a set: no fixed order)."""


_DICT, _LIST, _END = object(), object(), object()  # outline markers: cannot equal any value


def _branch_tree(branch_keys: frozenset[str]) -> dict[str, dict]:
    """Dotted paths as a tree, so a walk looks keys up rather than building paths for every
    value: {"status.code", "section"} -> {"status": {"code": {}}, "section": {}}."""
    tree: dict[str, dict] = {}
    for dotted in branch_keys:
        node = tree
        for key in dotted.split("."):
            node = node.setdefault(key, {})
    return tree


def _flatten(context: dict[str, Any], tree: dict[str, dict]) -> tuple[tuple, list[Any]]:
    """(shape, every leaf value depth first). The shape is the keys, the list lengths, which
    strings are blank, branch values as they are, and every non-string value with its type."""
    outline: list[Any] = []
    values: list[Any] = []
    _walk(context, tree, False, outline.append, values.append)
    return tuple(outline), values


def _walk(value: Any, node: dict | None, branch: bool, add: Callable[[Any], None], keep: Callable[[Any], None]) -> None:
    # (A module function, not a closure in _flatten: a closure that calls itself is a reference
    # cycle, left to the cyclic collector with both lists, once per page.)
    kind = type(value)
    if kind is str:
        add(value if branch else value != "")
        keep(value)
    elif kind is dict:
        add(_DICT)
        for key, item in value.items():
            add(key)
            if type(item) is str and not (node and key in node):  # the common case, inline
                add(item != "")
                keep(item)
            else:
                _walk(item, node.get(key) if node else None, node is not None and key in node, add, keep)
        add(_END)
    elif kind is list or kind is tuple:
        add(_LIST)
        add(len(value))
        for item in value:
            _walk(item, node, branch, add, keep)
    elif isinstance(value, str):  # Markup and other str subclasses: substituted like str
        add((kind, value if branch else value != ""))
        keep(value)
    elif isinstance(value, (set, frozenset, dict)):
        raise _Unshapeable
    else:  # numbers, booleans, None, dates: their value is part of the shape
        add((kind, value))
        keep(value)


_OUTLINE_MARKERS = {id(_DICT): ("\0", "dict"), id(_LIST): ("\0", "list"), id(_END): ("\0", "end")}


def _shape_key(outline: tuple) -> bytes:
    """An outline as bytes that are the same in every process (its markers are objects)."""
    stable = [_OUTLINE_MARKERS.get(id(item), item) for item in outline]
    return hashlib.blake2b(pickle.dumps(stable, protocol=5), digest_size=16).digest()


def _mark(value: Any, node: dict | None, branch: bool, counter: Iterator[int]) -> Any:
    """The context with each string replaced by its sentinel (branch values and blanks kept),
    walked in _flatten's order so sentinel n is value n."""
    kind = type(value)  # (exact types, as _flatten tells them apart)
    if kind is dict:
        return {key: _mark(item, node.get(key) if node else None, node is not None and key in node, counter)
                for key, item in value.items()}
    if kind is list or kind is tuple:
        return [_mark(item, node, branch, counter) for item in value]
    index = next(counter)
    if isinstance(value, str) and value and not branch:
        return f"{_OPEN}{index}{_CLOSE}"
    return value


def _escape(value: Any) -> str:
    """Exactly what Jinja's autoescape writes for a value."""
    return _escape_inner(value) if type(value) is str else escape(value)  # (Markup: as it is)


@dataclass
class ShapeRenderer:
    env: Environment
    template: str
    branch_keys: frozenset[str]  # dotted paths whose value (not just blankness) shapes the page
    draw_qr: Callable[[Sequence[tuple[str, str]]], list[str]]  # (text, label) pairs -> SVGs
    gate: PrivacyGate | None = None  # to check pages by their values (render_for_gate)
    _shapes: dict[tuple, _Shape] = field(default_factory=dict)  # outline (see _flatten) -> shape
    full_renders: int = 0

    def __post_init__(self) -> None:
        self._tree = _branch_tree(self.branch_keys)

    def render(self, context: dict[str, Any]) -> bytes:
        return self.render_many([context])[0]

    def render_many(self, contexts: Sequence[dict[str, Any]]) -> list[bytes]:
        return [page.encode("utf-8") for page in self.render_text(contexts)]

    def render_text(self, contexts: Sequence[dict[str, Any]]) -> list[str]:
        """The pages of many contexts, in order; their QR codes are drawn in one batch."""
        flats = [self.flatten(context) for context in contexts]
        return [page for page, _ in self.render_flat(flats, contexts, with_views=False)]

    def render_for_gate(self, contexts: Sequence[dict[str, Any]],
                        flats: Sequence[Flat] | None = None) -> list[tuple[bytes, bytes | None]]:
        """(page, what the privacy gate scans instead of it or None) for many contexts: the
        page's values_view when its skeleton's own text has passed the gate (`self.gate`).
        `flats`: the contexts already flattened (`flatten`), if they are."""
        if flats is None:
            flats = [self.flatten(context) for context in contexts]
        return [(page.encode("utf-8"), view.encode("utf-8") if view is not None else None)
                for page, view in self.render_flat(flats, contexts, with_views=self.gate is not None)]

    def flatten(self, context: dict[str, Any]) -> Flat:
        """(the context's shape, its values in order), or None if no shape can describe it."""
        try:
            outline, values = _flatten(context, self._tree)
            shape = self._shapes.get(outline)
        except (_Unshapeable, TypeError):  # (TypeError: an unhashable value)
            return None
        if shape is None:
            shape = self._shapes[outline] = _Shape(_shape_key(outline))
        return shape, values

    def fingerprint(self, flat: tuple[_Shape, list[Any]], salt: str) -> str:
        """A page's fingerprint from its flattened context (the context is its shape and its
        values), cheaper than pickling the nested context itself."""
        shape, values = flat
        digest = hashlib.blake2b(f"{salt}\0{self.template}\0shape\0".encode() + shape.key, digest_size=16)
        digest.update(pickle.dumps(values, protocol=5))
        return digest.hexdigest()

    def render_flat(self, flats: Sequence[Flat], contexts: Sequence[dict[str, Any]],
                    with_views: bool) -> list[tuple[str, str | None]]:
        """(page, its values_view or None) for contexts already flattened (`flatten`)."""
        plans = [(flat, self._skeleton(flat, context)) for flat, context in zip(flats, contexts)]
        codes = [code for flat, skeleton in plans if skeleton is not None and skeleton.has_qr
                 for code in _qr_codes(skeleton, flat[1])]  # type: ignore[index]  # (skeleton: flat too)
        drawn = iter(self.draw_qr(codes)) if codes else iter(())
        pages: list[tuple[str, str | None]] = []
        for (flat, skeleton), context in zip(plans, contexts):
            if skeleton is None:
                self.full_renders += 1
                pages.append((self._full(context), None))
                continue
            shape, values = flat  # type: ignore[misc]
            filled = self._fill(skeleton, values, drawn)
            page = values_view(skeleton.texts, filled)  # (its texts and values interleaved: the page)
            shape.uses += 1
            if (shape.uses <= CHECK_FIRST or shape.uses % CHECK_EVERY == 0) and page != self._full(context):
                raise ShapeMismatch(f"{self.template}: 按结构渲染的页面与 Jinja 渲染结果不同；"
                                    f"模板依据未声明的字段值分支，请在模板首行的 shape 声明中加入该字段")
            edges = skeleton.edges if with_views else None
            pages.append((page, values_view(edges, _gate_values(skeleton, values, filled)) if edges is not None else None))
        return pages

    def _skeleton(self, flat: Flat, context: dict[str, Any]) -> _Skeleton | None:
        """The skeleton of a flattened context's shape, built on its first page; None: Jinja."""
        if flat is None:
            return None
        shape, values = flat
        if shape.skeleton is _MISSING:
            shape.skeleton = self._build(context, values)
        return shape.skeleton  # type: ignore[return-value]

    def _fill(self, skeleton: _Skeleton, values: list[Any], drawn: Iterator[str] | None = None) -> list[str]:
        """What goes into each slot, as the page shows it. `drawn`: the page's QR codes, already
        drawn in order; None draws them here."""
        if not skeleton.has_qr:
            return [_escape(values[slot]) for slot in skeleton.slots]  # type: ignore[index]
        return [_escape(values[slot]) if isinstance(slot, int)
                else next(drawn) if drawn is not None else self.draw_qr([_resolve(slot, values)])[0]
                for slot in skeleton.slots]

    def _full(self, context: dict[str, Any]) -> str:
        return self.env.get_template(self.template).render(context)

    def _build(self, context: dict[str, Any], values: list[Any]) -> _Skeleton | None:
        marked = _mark(context, self._tree, False, iter(range(len(values))))
        qr_global = self.env.globals["qr"]
        self.env.globals["qr"] = lambda text, label: Markup(f"{_QR_OPEN}{text}\x00{label}{_QR_CLOSE}")
        try:
            text = self.env.get_template(self.template).render(marked)
        finally:
            self.env.globals["qr"] = qr_global
        texts: list[str] = []
        slots: list[int | tuple[str, str]] = []
        last = 0
        for match in _PART_RE.finditer(text):
            texts.append(text[last:match.start()])
            if match.group(1) is not None:
                slots.append(int(match.group(1)))
            else:
                qr_text, _, qr_label = match.group(2).partition("\x00")
                slots.append((qr_text, qr_label))
            last = match.end()
        texts.append(text[last:])
        skeleton = _Skeleton(texts, slots, any(isinstance(slot, tuple) for slot in slots))
        stray = any(c in part for part in texts for c in (_OPEN, _CLOSE, _QR_OPEN, _QR_CLOSE))
        # The first page of the shape, both ways: they must be the same bytes.
        if stray or values_view(texts, self._fill(skeleton, values)) != self._full(context):
            log.info("gongshi: %s: a page shape is rendered by Jinja page by page", self.template)
            return None
        if self.gate is not None:
            skeleton.edges = self.gate.fixed_text_edges(texts)
        return skeleton



def _gate_values(skeleton: _Skeleton, values: list[Any], filled: list[str]) -> list[str]:
    """The values as a page's gate view holds them: as shown, but a non-blank CheckedHtml
    (already gated, no token across its edges) as one space, which keeps the texts either side
    apart just as its own first and last characters do."""
    if not any(type(value) is CheckedHtml for value in values):
        return filled
    return [" " if isinstance(slot, int) and type(values[slot]) is CheckedHtml and values[slot] else text
            for slot, text in zip(skeleton.slots, filled)]


def _resolve(qr_part: tuple[str, str], values: list[Any]) -> tuple[str, str]:
    text, label = (_RESOLVE_RE.sub(lambda m: values[int(m.group(1))], template) for template in qr_part)
    return text, label


def _qr_codes(skeleton: _Skeleton, values: list[Any]) -> list[tuple[str, str]]:
    return [_resolve(slot, values) for slot in skeleton.slots if isinstance(slot, tuple)]
