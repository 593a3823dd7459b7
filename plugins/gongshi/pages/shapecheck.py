"""Which templates are rendered by shape (skeleton.py), and a check of their syntax tree that
refuses value logic the shape does not know about.

A template is rendered by shape when its first line declares it, with the context values it
branches on (dotted paths; a list's items share the list's path):

    {#- shape: section status.code status.data -#}

A shape is the keys, list lengths, blank-or-not of every string and the declared values. So a
comparison, a membership test, a method call or a filter in a condition that reads any other
value (`{% if officer.issued_on < "2021-01-01" %}`) would make two pages of one shape differ
where the skeleton cannot: `check_template` finds it before anything is rendered, and the build
stops naming the template and line. Truthiness (`{% if x %}`), `|length` and `loop.*` are part
of the shape and allowed. What a template prints is not checked here: a filter that changes a
value (`{{ x|upper }}`) makes the first page of its shape differ from Jinja's, and that shape is
then rendered by Jinja (skeleton.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jinja2 import Environment, nodes

DECLARATION = re.compile(r"\A\{#-?\s*shape:([^#]*?)-?#\}")
SHAPE = "\0shape"  # a value that is part of every shape (a constant, a length, a loop counter)
_ALLOWED_TESTS = {"defined", "undefined", "none", "true", "false"}


class ShapeTemplateError(ValueError):
    """A template rendered by shape branches on a value it does not declare."""

    exitcode = 1

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("按结构渲染的模板中有未声明的取值判断（可在模板首行的 shape 声明中加入该字段，"
                         "或设置 GONGSHI_RENDER_BY_SHAPE = False 全部按 Jinja 渲染）：\n" + "\n".join(problems))


def declared_shapes(env: Environment) -> dict[str, frozenset[str]]:
    """Template name -> the values it branches on, for every template that declares a shape."""
    shapes = {}
    for name in env.list_templates(extensions=["html"]):
        source = env.loader.get_source(env, name)[0]
        match = DECLARATION.match(source)
        if match:
            shapes[name] = frozenset(match.group(1).split())
    return shapes


@dataclass
class _Walk:
    env: Environment
    template: str  # the shape template being checked
    branch_keys: frozenset[str]
    problems: list[str]
    seen_macros: set[tuple[str, str, tuple]]

    def flag(self, where: str, node: nodes.Node, what: str) -> None:
        place = f"{where} 第 {node.lineno} 行" + ("" if where == self.template else f"（按结构渲染 {self.template} 时）")
        self.problems.append(f"{place}：{what}")


def check_template(env: Environment, name: str, branch_keys: frozenset[str]) -> list[str]:
    """Every undeclared value test in `name`, the templates it extends and includes, and the
    macros it calls (with their parameters bound to what the call passes)."""
    walk = _Walk(env, name, branch_keys, [], set())
    # The environment's globals (the site's name, url()) are the same on every page; `section`
    # is set by each page's context.
    _check_source(walk, name, {g: SHAPE for g in env.globals if g != "section"})
    return walk.problems


def _parse(env: Environment, name: str) -> nodes.Template:
    return env.parse(env.loader.get_source(env, name)[0], name)


def _check_source(walk: _Walk, name: str, scope: dict[str, str]) -> None:
    tree = _parse(walk.env, name)
    macros = _imported_macros(walk.env, tree)
    _check_body(walk, name, tree.body, dict(scope), macros)
    for extends in tree.find_all(nodes.Extends):
        if isinstance(extends.template, nodes.Const):
            _check_source(walk, extends.template.value, scope)


def _imported_macros(env: Environment, tree: nodes.Template) -> dict[str, tuple[str, nodes.Macro]]:
    """Macro name as the template calls it -> (its template, its definition)."""
    found: dict[str, tuple[str, nodes.Macro]] = {}
    for macro in tree.find_all(nodes.Macro):
        found[macro.name] = ("", macro)
    for imported in tree.find_all(nodes.FromImport):
        if not isinstance(imported.template, nodes.Const):
            continue
        source = imported.template.value
        defined = {m.name: m for m in _parse(env, source).find_all(nodes.Macro)}
        for item in imported.names:
            original, alias = item if isinstance(item, tuple) else (item, item)
            if original in defined:
                found[alias] = (source, defined[original])
    return found


def _check_body(walk: _Walk, where: str, body: list[nodes.Node], scope: dict[str, str], macros: dict) -> None:
    for node in body:
        _check_node(walk, where, node, scope, macros)


def _check_node(walk: _Walk, where: str, node: nodes.Node, scope: dict[str, str], macros: dict) -> None:  # noqa: C901
    if isinstance(node, nodes.Macro):
        return  # (checked where it is called, with its parameters bound)
    if isinstance(node, nodes.For):
        inner = dict(scope)
        _bind_target(node.target, _path(node.iter, scope), inner, node.iter)
        inner["loop"] = SHAPE
        _check_expr(walk, where, node.iter, scope, macros)
        if node.test is not None:
            _check_test(walk, where, node.test, inner, macros)
        _check_body(walk, where, node.body, inner, macros)
        _check_body(walk, where, node.else_, scope, macros)
        return
    if isinstance(node, nodes.If):
        _check_test(walk, where, node.test, scope, macros)
        _check_body(walk, where, node.body, scope, macros)
        for branch in node.elif_:
            _check_node(walk, where, branch, scope, macros)
        _check_body(walk, where, node.else_, scope, macros)
        return
    if isinstance(node, nodes.Assign):
        _check_expr(walk, where, node.node, scope, macros)
        _bind_target(node.target, _path(node.node, scope), scope, node.node)
        return
    if isinstance(node, nodes.AssignBlock):
        _check_body(walk, where, node.body, scope, macros)
        if isinstance(node.target, nodes.Name):
            scope[node.target.name] = ""  # (a block of output: its values are the page's)
        return
    if isinstance(node, nodes.Include) and isinstance(node.template, nodes.Const):
        _check_source(walk, node.template.value, scope)
        return
    for child in node.iter_child_nodes():
        if isinstance(child, nodes.Expr):
            _check_expr(walk, where, child, scope, macros)
        else:
            _check_node(walk, where, child, scope, macros)


def _bind_target(target: nodes.Node, path: str, scope: dict[str, str], value: nodes.Node) -> None:
    if isinstance(target, nodes.Name):
        scope[target.name] = path
    elif isinstance(target, nodes.Tuple):
        literal = isinstance(value, nodes.List | nodes.Tuple) or path == SHAPE
        for item in target.items:
            _bind_target(item, SHAPE if literal else path, scope, value)


def _path(expr: nodes.Node, scope: dict[str, str]) -> str:
    """The context path an expression reads ("status.code"), SHAPE for what every page of a
    shape shares, "" for what cannot be told (a call's result)."""
    if isinstance(expr, nodes.Const | nodes.TemplateData):
        return SHAPE
    if isinstance(expr, nodes.List | nodes.Tuple | nodes.Dict):
        paths = {_path(item, scope) for item in expr.iter_child_nodes() if isinstance(item, nodes.Expr)}
        return SHAPE if paths <= {SHAPE} else ""
    if isinstance(expr, nodes.Name):
        return scope.get(expr.name, expr.name)
    if isinstance(expr, nodes.Getattr | nodes.Getitem):
        base = _path(expr.node, scope)
        if base == SHAPE:
            return SHAPE
        attr = expr.attr if isinstance(expr, nodes.Getattr) else (
            str(expr.arg.value) if isinstance(expr.arg, nodes.Const) and isinstance(expr.arg.value, str) else None)
        if isinstance(expr, nodes.Getitem) and attr is None:  # rows[0], rows[i]: an item of the list
            return base
        return f"{base}.{attr}" if base else ""
    if isinstance(expr, nodes.BinExpr | nodes.Concat):  # (["a"] + menu + ["b"]: constant if its parts are)
        parts = {_path(child, scope) for child in expr.iter_child_nodes() if isinstance(child, nodes.Expr)}
        return SHAPE if parts == {SHAPE} else ""
    if isinstance(expr, nodes.Filter) and expr.name in ("length", "count"):
        return SHAPE
    if isinstance(expr, nodes.Filter) and expr.node is not None:
        return _path(expr.node, scope)
    return ""


def _check_test(walk: _Walk, where: str, test: nodes.Node, scope: dict[str, str], macros: dict) -> None:
    """A condition may test blankness, and compare only declared values or shape values."""
    if isinstance(test, nodes.Not):
        _check_test(walk, where, test.node, scope, macros)
    elif isinstance(test, nodes.And | nodes.Or):
        _check_test(walk, where, test.left, scope, macros)
        _check_test(walk, where, test.right, scope, macros)
    elif isinstance(test, nodes.Compare):
        for operand in [test.expr, *(op.expr for op in test.ops)]:
            _require_declared(walk, where, operand, scope, "比较")
    elif isinstance(test, nodes.Test):
        if test.name not in _ALLOWED_TESTS:
            _require_declared(walk, where, test.node, scope, f"检验（is {test.name}）")
    elif isinstance(test, nodes.Filter) and test.name not in ("length", "count"):
        _require_declared(walk, where, test, scope, f"过滤器 {test.name}")
    elif isinstance(test, nodes.Call):
        _require_declared(walk, where, test, scope, "调用")
    else:
        _check_expr(walk, where, test, scope, macros)


def _require_declared(walk: _Walk, where: str, expr: nodes.Node, scope: dict[str, str], what: str) -> None:
    if isinstance(expr, nodes.Call):
        for arg in [expr.node, *expr.args, *(k.value for k in expr.kwargs)]:
            _require_declared(walk, where, arg, scope, what)
        return
    path = _path(expr, scope)
    if path == SHAPE or path in walk.branch_keys:
        return
    if path == "" and isinstance(expr, nodes.BinExpr | nodes.UnaryExpr | nodes.Concat | nodes.CondExpr):
        for child in expr.iter_child_nodes():
            _require_declared(walk, where, child, scope, what)
        return
    shown = path or type(expr).__name__
    walk.flag(where, expr, f"按字段值 {shown} 作{what}，但模板首行的 shape 声明中没有它")


def _check_expr(walk: _Walk, where: str, expr: nodes.Node, scope: dict[str, str], macros: dict) -> None:
    """Conditional expressions inside an expression, and the macros it calls."""
    for node in [expr, *expr.find_all(nodes.CondExpr | nodes.Call)]:
        if isinstance(node, nodes.CondExpr):
            _check_test(walk, where, node.test, scope, macros)
        elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name in macros:
            _check_macro_call(walk, node, scope, macros)


def _check_macro_call(walk: _Walk, call: nodes.Call, scope: dict[str, str], macros: dict) -> None:
    source, macro = macros[call.node.name]
    bound: dict[str, str] = {}
    names = [arg.name for arg in macro.args]
    for name, default in zip(reversed(names), reversed(macro.defaults)):
        bound[name] = _path(default, {})
    for name, value in zip(names, call.args):
        bound[name] = _path(value, scope)
    for keyword in call.kwargs:
        bound[keyword.key] = _path(keyword.value, scope)
    key = (source, macro.name, tuple(sorted(bound.items())))
    if key in walk.seen_macros:
        return
    walk.seen_macros.add(key)
    inner_macros = _imported_macros(walk.env, _parse(walk.env, source)) if source else macros
    _check_body(walk, f"{source or walk.template} 的 {macro.name}", macro.body, bound, inner_macros)
