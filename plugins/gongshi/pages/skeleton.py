"""Rendering many pages of one template by shape: Jinja once per shape, string joins after.

100,000 officer pages differ only in their values. A page's *shape* is which values are blank
plus the values the template branches on (declared per template, e.g. the status). For each
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
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

log = logging.getLogger("gongshi")

_OPEN, _CLOSE, _QR_OPEN, _QR_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"  # private-use characters
_PART_RE = re.compile(f"{_OPEN}(\\d+){_CLOSE}|{_QR_OPEN}(.*?){_QR_CLOSE}", re.S)
_RESOLVE_RE = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
CHECK_FIRST = 3
CHECK_EVERY = 500


class ShapeMismatch(RuntimeError):
    """A page rendered by skeleton differs from Jinja's: the template branches on a value that
    is not declared in its branch keys (pages.render.SHAPE_TEMPLATES)."""


@dataclass
class _Skeleton:
    parts: list[str | int | tuple[str, str]]  # text, value index, or (qr text, qr label)


def _leaves(context: dict[str, Any]) -> list[tuple[str, Any]]:
    """(dotted path, value) of every non-dict value, depth first in key order."""
    found: list[tuple[str, Any]] = []

    def walk(mapping: dict[str, Any], prefix: str) -> None:
        for key, value in mapping.items():
            if isinstance(value, dict):
                walk(value, f"{prefix}{key}.")
            else:
                found.append((prefix + key, value))

    walk(context, "")
    return found


@dataclass
class ShapeRenderer:
    env: Environment
    template: str
    branch_keys: frozenset[str]  # dotted paths whose value (not just blankness) shapes the page
    draw_qr: Callable[[Sequence[tuple[str, str]]], list[str]]  # (text, label) pairs -> SVGs
    _skeletons: dict[tuple, _Skeleton | None] = field(default_factory=dict)
    _uses: dict[tuple, int] = field(default_factory=dict)
    full_renders: int = 0

    def render(self, context: dict[str, Any]) -> bytes:
        return self.render_many([context])[0]

    def render_many(self, contexts: Sequence[dict[str, Any]]) -> list[bytes]:
        """The pages of many contexts, in order; their QR codes are drawn in one batch."""
        plans = [self._plan(context) for context in contexts]
        codes = [code for shape, skeleton, values in plans if skeleton is not None
                 for code in _qr_codes(skeleton, values)]
        drawn = iter(self.draw_qr(codes)) if codes else iter(())
        pages = []
        for (shape, skeleton, values), context in zip(plans, contexts):
            if skeleton is None:
                pages.append(self._full(context))
                continue
            page = self._assemble(skeleton, values, drawn)
            uses = self._uses[shape] = self._uses.get(shape, 0) + 1
            if (uses <= CHECK_FIRST or uses % CHECK_EVERY == 0) and page != self._full(context):
                raise ShapeMismatch(f"{self.template}: 按结构渲染的页面与 Jinja 渲染结果不同；"
                                    f"模板依据未声明的字段值分支，请在 SHAPE_TEMPLATES 中声明")
            pages.append(page)
        return pages

    def _plan(self, context: dict[str, Any]) -> tuple[tuple, _Skeleton | None, list[Any]]:
        """(shape, its skeleton or None to render by Jinja, the values in order)."""
        leaves = _leaves(context)
        branch_keys = self.branch_keys
        outline = []
        for path, value in leaves:
            if isinstance(value, str):
                outline.append((path, value if path in branch_keys else bool(value)))
            elif isinstance(value, (list, tuple, set)):
                return (), None, []  # listings are rendered by Jinja
            else:
                outline.append((path, value))
        shape = tuple(outline)
        if shape not in self._skeletons:
            self._skeletons[shape] = self._build(context, leaves)
        skeleton = self._skeletons[shape]
        if skeleton is None:
            self.full_renders += 1
        return shape, skeleton, [value for _, value in leaves]

    def _assemble(self, skeleton: _Skeleton, values: list[Any], drawn: Iterator[str] | None = None) -> bytes:
        """`drawn`: the page's QR codes, already drawn in order; None draws them here."""
        out = []
        for part in skeleton.parts:
            if isinstance(part, str):
                out.append(part)
            elif isinstance(part, int):
                out.append(escape(values[part]))  # (Markup is a str: join takes it as it is)
            elif drawn is not None:
                out.append(next(drawn))
            else:
                out.append(self.draw_qr([_resolve(part, values)])[0])
        return "".join(out).encode("utf-8")

    def _full(self, context: dict[str, Any]) -> bytes:
        return self.env.get_template(self.template).render(context).encode("utf-8")

    def _build(self, context: dict[str, Any], leaves: list[tuple[str, Any]]) -> _Skeleton | None:
        marked = _mark(context, iter(range(len(leaves))), self.branch_keys, "")
        qr_global = self.env.globals["qr"]
        self.env.globals["qr"] = lambda text, label: Markup(f"{_QR_OPEN}{text}\x00{label}{_QR_CLOSE}")
        try:
            text = self.env.get_template(self.template).render(marked)
        finally:
            self.env.globals["qr"] = qr_global
        parts: list[str | int | tuple[str, str]] = []
        last = 0
        for match in _PART_RE.finditer(text):
            parts.append(text[last:match.start()])
            if match.group(1) is not None:
                parts.append(int(match.group(1)))
            else:
                qr_text, _, qr_label = match.group(2).partition("\x00")
                parts.append((qr_text, qr_label))
            last = match.end()
        parts.append(text[last:])
        skeleton = _Skeleton(parts)
        stray = any(isinstance(p, str) and any(c in p for c in (_OPEN, _CLOSE, _QR_OPEN, _QR_CLOSE))
                    for p in parts)
        # The first page of the shape, both ways: they must be the same bytes.
        if stray or self._assemble(skeleton, [v for _, v in leaves]) != self._full(context):
            log.info("gongshi: %s: a page shape is rendered by Jinja page by page", self.template)
            return None
        return skeleton


def _resolve(qr_part: tuple[str, str], values: list[Any]) -> tuple[str, str]:
    text, label = (_RESOLVE_RE.sub(lambda m: values[int(m.group(1))], template) for template in qr_part)
    return text, label


def _qr_codes(skeleton: _Skeleton, values: list[Any]) -> list[tuple[str, str]]:
    return [_resolve(part, values) for part in skeleton.parts if isinstance(part, tuple)]


def _mark(value: Any, counter: Any, branch_keys: frozenset[str], path: str) -> Any:
    """The context with each value replaced by its sentinel (branch values and blanks kept)."""
    if isinstance(value, dict):
        return {key: _mark(value[key], counter, branch_keys, f"{path}{key}.") for key in value}
    index = next(counter)
    if isinstance(value, str) and value and path[:-1] not in branch_keys:
        return f"{_OPEN}{index}{_CLOSE}"
    return value
