"""`gongshi`: the staff command line.

    gongshi check [--feeds DIR] [--settings FILE] [--output DIR] [--allow-shrink]
                                                        validate only (the build's problems, and a dataset
                                                        shrunk since the last build); exit 1 on errors
    gongshi build [--feeds DIR] [--today DATE] [--output DIR] [--allow-shrink]
    gongshi serve [--port N] [same options as build]    build, then serve on localhost
    gongshi due [--output DIR] [--feeds DIR] [--today DATE]
                                                        exit 0 when a rebuild is due, 1 when not, 2 on error
    gongshi search "QUERY" [--dataset D] [--json]       search the last build's public records (whoosh)
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import logging
import sys
from collections import Counter
from pathlib import Path

from .feeds import FeedError, ProblemLog, load_feeds


def check(feeds: Path, settings_file: Path | None = None, today: dt.date | None = None,
          allow_shrink: bool = False, output: Path | None = None) -> int:
    """The problems `gongshi build` would report for these feeds, without building: the feeds
    stage's, personal data in the columns published as they are (the privacy stage's feed
    errors), and the compliance warnings the build finds in them (major penalties without a
    法律适用说明, by the penalty rules of the settings file when there is one; future dates; a
    working-day calendar guessed at), found by the schedule stage itself; then what the
    scrubber would remove, per dataset."""
    from types import SimpleNamespace

    from . import schedule
    from .privacy import check_public_columns, make_public_with_report, masking_summary, people_of
    from .schedule.penalties import PenaltyRules
    from .settings import parse_today

    log = ProblemLog()
    tables = load_feeds(feeds, log)
    if not log.errors:  # (a build stops at the first stage with errors)
        people = people_of(tables)
        for table in tables.tables.values():
            check_public_columns(table, people, log)
    if not log.errors:
        settings = _settings(settings_file)
        public, reports = make_public_with_report(tables, people)
        # The build's schedule stage itself, on the same public tables: its warnings (法律适用说明,
        # future dates, a guessed working-day calendar) are the build's, line for line.
        stage_settings = SimpleNamespace(
            feeds_dir=feeds, today=parse_today(today) if today else (settings.today if settings else parse_today(None)),
            penalty_rules=settings.penalty_rules if settings else PenaltyRules(),
            deadline_rules=settings.deadline_rules if settings else schedule.DEFAULT_RULES)
        schedule.run(SimpleNamespace(settings=stage_settings, public=public, log=log, calendar=None, rebuild=None,
                                     timeliness=None))
    print(log.report())
    from .account import build_accounts, failed_feeds_lines

    print("各数据集行数核对：")  # (the build's account, line for line)
    if log.errors:
        for line in failed_feeds_lines(tables, log.problems):
            print("  " + line)
    else:
        rows_read = {name: len(table) for name, table in tables.tables.items()}
        for account in build_accounts(SimpleNamespace(public=public, log=log,
                                                      facts={"privacy": reports, "rows_read": rows_read})):
            print("  " + account.line())
    if not log.errors:
        for line in masking_summary(reports, {name: t.dataset for name, t in tables.tables.items()}):
            print(line)
        shrunk = [] if allow_shrink else _shrink_since_last_build(feeds, tables, settings_file, output)
        if shrunk:
            from .account import DatasetShrank

            print(DatasetShrank(shrunk), file=sys.stderr)
            return 1
        counts = "，".join(f"{t.dataset.title} {len(t)} 条" for t in tables.tables.values())
        print(f"数据源检查通过：{counts}。")
    return 1 if log.errors else 0


def _shrink_since_last_build(feeds: Path, tables, settings_file: Path | None, output: Path | None) -> list[str]:  # noqa: ANN001
    """The shrink guard's lines against the last successful build of these settings and feeds
    (none when there is no settings file, or no such build yet)."""
    if settings_file is None or not settings_file.is_file():
        return []
    from pelican.settings import read_settings

    from .account import previous_counts, shrink_lines
    from .settings import GongshiSettings

    overrides: dict[str, object] = {} if output is None else {"OUTPUT_PATH": str(output.resolve())}
    settings = GongshiSettings.from_pelican(read_settings(str(settings_file), override=overrides))
    previous = previous_counts(settings.cache_dir, feeds)
    if previous is None:
        return []
    current = {name: len(t) for name, t in tables.tables.items()}
    return shrink_lines(previous, current, {n: t.dataset.title for n, t in tables.tables.items()},
                        settings.shrink_share)


def _settings(settings_file: Path | None):  # noqa: ANN202 - GongshiSettings | None
    if settings_file is None or not settings_file.is_file():
        return None
    from pelican.settings import read_settings

    from .settings import GongshiSettings

    return GongshiSettings.from_pelican(read_settings(str(settings_file)))


def local_site_url(siteurl: str) -> bool:
    """An address nobody else can open: empty, or this machine's."""
    from urllib.parse import urlsplit

    host = urlsplit(siteurl.strip()).hostname or ""
    return host in ("", "localhost", "0.0.0.0", "::1") or host.startswith("127.") or host.endswith(".localhost")


def build(settings_file: Path, feeds: Path | None, today: str | None, output: Path | None,
          siteurl: str | None = None, overrides: dict[str, object] | None = None, development: bool = False,
          allow_shrink: bool = False) -> int:
    """Run `pelican content` with these overrides; return the exit code. Unless it is a
    development build (for this machine), the site URL must be one others can open: it is
    printed in every officer's QR code, the Atom feeds and the links a visitor shares."""
    from pelican import Pelican
    from pelican.settings import read_settings

    overrides = dict(overrides or {})
    if feeds is not None:
        overrides["DISCLOSURE_FEEDS"] = str(feeds.resolve())
    if today is not None:
        overrides["DISCLOSURE_TODAY"] = today
    if output is not None:
        overrides["OUTPUT_PATH"] = str(output.resolve())
    if siteurl is not None:
        overrides["SITEURL"] = siteurl
    if allow_shrink:
        overrides["GONGSHI_ALLOW_SHRINK"] = True
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    settings = read_settings(str(settings_file), override=overrides)
    if not development and local_site_url(str(settings.get("SITEURL") or "")):
        print(f"构建失败：网站地址（SITEURL）为“{settings.get('SITEURL') or '空'}”，只有本机能打开；"
              "执法证上的二维码、订阅和分享链接都会指向它。正式构建请用 --siteurl https://正式域名 "
              "或设置文件 publishconf.py（环境变量 GONGSHI_SITEURL）；仅在本机预览时用 --dev。", file=sys.stderr)
        return 2
    from pelican.log import console

    quiet, console.quiet = console.quiet, True  # (Pelican's English "Done: Processed …"; the summary below says it)
    try:
        Pelican(settings).run()
    except FeedError as exc:
        print(exc, file=sys.stderr)
        _print_failed_account()
        return exc.exitcode
    except Exception as exc:  # the privacy gate and others carry their own message (and an exitcode)
        print(f"构建失败：{exc}", file=sys.stderr)
        if not hasattr(exc, "exitcode"):  # not a problem staff can fix: a bug keeps its traceback
            import traceback

            print("（程序内部错误，请将以下信息报告给维护者）", file=sys.stderr)
            traceback.print_exception(exc, file=sys.stderr)
        return getattr(exc, "exitcode", 1)
    finally:
        console.quiet = quiet
    from .pipeline import current_state

    state = current_state()
    print("各数据集行数核对：")
    for account in state.facts.get("account", []):
        print("  " + account.line())
    stats = state.writer.stats  # type: ignore[union-attr]
    print(f"构建完成：{settings['OUTPUT_PATH']}（生成 {stats.produced} 个文件，写入 {stats.written}，"
          f"未变 {stats.unchanged + stats.skipped}，删除 {stats.removed}）")
    return 0


def _print_failed_account() -> None:
    from .account import failed_feeds_lines
    from .pipeline import current_state

    try:
        state = current_state()
    except RuntimeError:
        return
    if state.raw is not None:
        print("各数据集行数核对：", file=sys.stderr)
        for line in failed_feeds_lines(state.raw, state.log.problems):
            print("  " + line, file=sys.stderr)


def due(output: Path, feeds: Path, today: str | None) -> int:
    """Is a rebuild due? The day has reached rebuild.json's next_rebuild, or the feeds changed."""
    import json

    from .feeds.read import feeds_fingerprint
    from .opendata import REBUILD_FILE
    from .settings import parse_today

    path = output / REBUILD_FILE
    if not path.is_file():
        print(f"需要构建：{path} 不存在（尚未构建过）")
        return 0
    try:
        document = json.loads(path.read_text("utf-8"))
        next_rebuild = document["next_rebuild"]
        built_from = document["feeds_sha256"]
        day = parse_today(today)
    except (OSError, ValueError, KeyError) as exc:
        print(f"无法判断：{path} 无法读取（{exc}）", file=sys.stderr)
        return 2
    if not feeds.is_dir():
        print(f"无法判断：数据源文件夹 {feeds} 不存在", file=sys.stderr)
        return 2
    if feeds_fingerprint(feeds) != built_from:
        print(f"需要构建：{feeds} 中的数据源与上次构建时不同")
        return 0
    if next_rebuild and day >= dt.date.fromisoformat(next_rebuild[:10]):
        reasons = document.get("reasons", [])
        print(f"需要构建：{next_rebuild} 起网站内容发生变化（{len(reasons)} 项，如："
              + "；".join(f"{r['dataset']} {r['key']} {r['what']}" for r in reasons[:3]) + "）")
        return 0
    print(f"无需构建：数据源未变，下次需要构建的时间为 {next_rebuild or '无（没有随日期变化的内容）'}")
    return 1


def search_cache_dir(settings_file: Path, output: Path | None, cache: Path | None = None) -> Path:
    """The build's cache folder for these settings and output folder (where whoosh lives)."""
    return _search_settings(settings_file, output, cache).cache_dir


def _search_settings(settings_file: Path, output: Path | None, cache: Path | None = None):  # noqa: ANN202
    from pelican.settings import read_settings

    from .settings import GongshiSettings

    overrides: dict[str, object] = {}
    if output is not None:
        overrides["OUTPUT_PATH"] = str(output.resolve())
    if cache is not None:
        overrides["GONGSHI_CACHE"] = str(cache.resolve())
    return GongshiSettings.from_pelican(read_settings(str(settings_file), override=overrides))


def search(cache_dir: Path, query: str, filters: dict[str, str], as_json: bool, limit: int,
           siteurl: str = "") -> int:
    """Staff search over the public records of the last build: the same matches as the site's,
    each with its page's whole address (`siteurl`: the site's, as the settings give it)."""
    import json

    from .search import staff

    try:
        staff.sync(cache_dir)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 2
    found = staff.search(cache_dir, query, filters)
    results = [staff.result(doc, siteurl) for doc in found]
    by_type = Counter(r["type"] for r in results)  # (types in ranked order, as the page's filter)
    if as_json:
        print(json.dumps({"query": query, "filters": filters, "total": len(results), "types": by_type,
                          "results": results[:limit]}, ensure_ascii=False, indent=1))
        return 0 if results else 1
    if not results:
        print(f"没有找到包含“{query}”的公示信息。")
        return 1
    print(f"找到 {len(results)} 条（" + "，".join(f"{t} {n}" for t, n in by_type.items()) + "）"
          + (f"，显示前 {limit} 条" if len(results) > limit else "") + "：")
    for r in results[:limit]:
        details = "；".join(f"{k}：{v}" for k, v in {**r["fields"], **r["extras"]}.items())
        print(f"- [{r['type']}] {r['title']}\n    {details}\n    网页：{r['page']}")
    return 0


# What the local preview answers instead of http.server's English error pages.
_ERROR_TEXTS = {400: "请求无效", 403: "禁止访问", 404: "找不到该网页", 405: "不支持该请求方法",
                408: "请求超时", 414: "网址过长", 500: "服务器内部错误", 501: "不支持该请求方法"}
_ERROR_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>%(code)d %(message)s</title></head>
<body><h1>%(message)s</h1><p>错误代码 %(code)d。%(explain)s</p></body></html>
"""


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """The built site, plus /api/search?q=...&dataset=... (JSON) when a cache folder is given.
    A missing page is answered with the site's own 404 page (output/404.html) and status 404,
    as the production web server is set up to; a folder without index.html is missing too
    (no file listing). Requests are not logged one by one: only the missing ones, in Chinese."""

    cache_dir: Path | None = None

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        from urllib.parse import parse_qs, urlsplit

        parts = urlsplit(self.path)
        if parts.path != "/api/search" or self.cache_dir is None:
            return super().do_GET()
        import json

        from .search import staff

        params = {k: v[0] for k, v in parse_qs(parts.query).items()}
        filters = {k: params[k] for k in staff.FACET_FIELDS if params.get(k)}
        found = [staff.result(doc) for doc in staff.search(self.cache_dir, params.get("q", ""), filters)]
        body = json.dumps({"query": params.get("q", ""), "filters": filters, "total": len(found),
                           "results": found[:int(params.get("limit", 50))]}, ensure_ascii=False).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def list_directory(self, path):  # noqa: ANN001, ANN201 - http.server's signature
        self.send_error(404)
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
        else:
            import html

            text = html.escape(_ERROR_TEXTS.get(code, "请求出错"))
            body = (_ERROR_PAGE % {"code": code, "message": text, "explain": ""}).encode("utf-8")
        self.send_response(code)  # (the status line keeps HTTP's own reason phrase: it must be Latin-1)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if self.command != "HEAD" and code >= 200 and code not in (204, 304):
            self.wfile.write(body)

    def log_request(self, code="-", size="-") -> None:  # noqa: ANN001 - http.server's signature
        from urllib.parse import unquote, urlsplit

        try:
            code = int(code)  # (an HTTPStatus, or "-")
        except (TypeError, ValueError):
            code = 0
        if code == 404:
            path = unquote(urlsplit(getattr(self, "path", "")).path)
            print(f"找不到网页：{path}（已显示网站的“未找到页面”）", file=sys.stderr)
        elif code >= 400:
            print(f"请求出错（{code} {_ERROR_TEXTS.get(code, '')}）：{getattr(self, 'path', '')}", file=sys.stderr)

    def log_error(self, format: str, *args) -> None:  # noqa: A002, ANN002 - http.server's signature
        pass  # (log_request says it in Chinese; a timeout or a dropped connection is no news to staff)


class _PreviewServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # noqa: ANN001 - socketserver's signature
        """A browser that closed the connection early is no news; anything else in one Chinese
        line, not socketserver's English traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            print(f"预览服务处理请求时出错：{type(error).__name__}: {error}", file=sys.stderr)


def make_server(directory: Path, port: int, cache_dir: Path | None = None) -> http.server.ThreadingHTTPServer:
    """The local preview server of `gongshi serve` (port 0: any free port)."""
    if cache_dir is not None:
        from .search import staff

        try:
            staff.sync(cache_dir)
        except FileNotFoundError:
            cache_dir = None
    handler_class = type("SiteHandler", (_SiteHandler,), {"cache_dir": cache_dir})
    handler = functools.partial(handler_class, directory=str(directory))
    return _PreviewServer(("127.0.0.1", port), handler)


def serve(directory: Path, port: int, cache_dir: Path | None = None) -> int:
    try:
        server = make_server(directory, port, cache_dir)
    except OSError as exc:
        print(f"无法在端口 {port} 上提供预览（{exc.strerror or exc}）：该端口可能已被占用，请用 --port 换一个端口。",
              file=sys.stderr)
        return 2
    with server:
        print(f"在浏览器中打开 http://localhost:{port}/ （Ctrl-C 停止）")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("\n已停止预览。")
    return 0


def _date(text: str) -> str:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为 YYYY-MM-DD 格式的日期（如 2026-06-15），实际为“{text}”") from None
    return text


SETTINGS_HELP = "设置文件（默认 pelicanconf.py；正式发布用 publishconf.py）"
FEEDS_HELP = "存放数据源文件的文件夹（默认 data_feeds）"
OUTPUT_HELP = "网站输出文件夹（默认按设置文件，一般为 output）"


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's layout with a Chinese "用法：" in place of "usage: ", and each option's help on
    the line under it (argparse aligns by characters, and a Chinese character is two columns
    wide: side by side, the help texts would not line up)."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=6, width=100)

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: ANN001 - argparse's signature
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """Chinese section titles and -h text; errors say where to find the help."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str):  # noqa: ANN201 - never returns
        for english, chinese in _ARGPARSE_MESSAGES:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：{message}（用法见 {self.prog} --help）\n")


# argparse's own messages, as staff read them
_ARGPARSE_MESSAGES = (
    ("the following arguments are required: ", "缺少参数："),
    ("unrecognized arguments: ", "无法识别的参数："),
    ("invalid choice: ", "无效的子命令或取值："),
    ("(choose from ", "（可选："),
    ("expected one argument", "需要一个值"),
    ("invalid int value: ", "应为整数，实际为 "),
    ("argument ", "参数 "),
)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="gongshi", description="行政执法公示平台：检查数据源、生成网站、本机预览、搜索公示信息。",
        epilog="各子命令的用法：gongshi 子命令 --help，如 gongshi check --help")
    sub = parser.add_subparsers(dest="command", required=True, title="子命令", metavar="子命令")

    def command(name: str, helptext: str, description: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=helptext, description=description)

    p_check = command("check", "只检查数据源，列出全部问题",
                      "只检查数据源，不生成网站：列出与 gongshi build 相同的错误、警告和提示，"
                      "以及脱敏将隐去的内容；有错误时退出码为 1。")
    p_check.add_argument("--feeds", metavar="文件夹", type=Path, default=Path("data_feeds"), help=FEEDS_HELP)
    p_check.add_argument("--settings", metavar="文件", type=Path, default=Path("pelicanconf.py"),
                         help="设置文件（重大行政处罚的标准等；不存在时用默认值）")
    p_check.add_argument("--today", metavar="日期", type=_date, help="按该日期（YYYY-MM-DD）检查，与 build 的 --today 相同")
    p_check.add_argument("--output", metavar="文件夹", type=Path, help="与上次构建到该文件夹时的记录数比较（默认按设置文件）")
    p_check.add_argument("--allow-shrink", action="store_true",
                         help="确认某数据集的记录数比上次成功构建时大幅减少（或全部删除）属实，不报错")
    for name, helptext, description in (
            ("build", "生成网站", "检查数据源并生成网站到输出文件夹；数据源有错误时不生成，列出全部问题。"),
            ("serve", "生成网站并在本机预览",
             "生成网站（仅供本机预览，网址为 localhost），然后在本机提供网页服务，用浏览器打开即可查看；Ctrl-C 停止。")):
        p = command(name, helptext, description)
        p.add_argument("--settings", metavar="文件", type=Path, default=Path("pelicanconf.py"), help=SETTINGS_HELP)
        p.add_argument("--feeds", metavar="文件夹", type=Path, help="存放数据源文件的文件夹（默认按设置文件，一般为 data_feeds）")
        p.add_argument("--today", metavar="日期", type=_date, help="按该日期（YYYY-MM-DD）生成")
        p.add_argument("--output", metavar="文件夹", type=Path, help=OUTPUT_HELP)
        p.add_argument("--allow-shrink", action="store_true",
                       help="确认某数据集的记录数比上次成功构建时大幅减少（或全部删除）属实，仍然生成")
        if name == "build":
            p.add_argument("--siteurl", metavar="网址", help="网站的正式地址（印在执法证二维码上，如 https://zfgs.example.gov.cn）")
            p.add_argument("--dev", action="store_true", help="仅供本机预览：允许 localhost 网址")
        if name == "serve":
            p.add_argument("--port", metavar="端口", type=int, default=8000, help="本机预览使用的端口（默认 8000）")
    p_due = command("due", "判断是否需要重新构建（0 需要，1 不需要，2 出错）",
                    "判断今天是否需要重新生成网站：数据源有变化，或已到上次构建记下的下次变化日期。"
                    "退出码 0 表示需要，1 表示不需要，2 表示无法判断。")
    p_due.add_argument("--output", metavar="文件夹", type=Path, default=Path("output"), help="上次构建的网站输出文件夹（默认 output）")
    p_due.add_argument("--feeds", metavar="文件夹", type=Path, default=Path("data_feeds"), help=FEEDS_HELP)
    p_due.add_argument("--today", metavar="日期", type=_date, help="按该日期判断（默认上海时区的今天）")
    p_search = command("search", "搜索上次构建的公示信息（与网站搜索结果相同）",
                       "在上次构建的公示信息中搜索，结果与网站搜索相同；每条结果附网页地址，可直接复制到浏览器打开。")
    p_search.add_argument("query", metavar="搜索词", help="要搜索的词，如当事人名称、决定书文号、执法证号")
    p_search.add_argument("--dataset", metavar="数据类", help="只搜索某类数据，如 penalties、officers、agencies、powers、inspections、supervision")
    for facet, helptext in (("agency", "执法主体名称"), ("year", "年度"), ("status", "状态")):
        p_search.add_argument(f"--{facet}", metavar=helptext, help=f"只看该{helptext}")
    p_search.add_argument("--json", action="store_true", help="以 JSON 输出")
    p_search.add_argument("--limit", metavar="条数", type=int, default=50, help="最多显示多少条（默认 50）")
    p_search.add_argument("--settings", metavar="文件", type=Path, default=Path("pelicanconf.py"), help=SETTINGS_HELP)
    p_search.add_argument("--output", metavar="文件夹", type=Path, help=OUTPUT_HELP + "；用于找到上次构建的缓存")
    p_search.add_argument("--cache", metavar="文件夹", type=Path, help="构建缓存文件夹（GONGSHI_CACHE）")
    return parser


def main(argv: list[str] | None = None) -> int:
    from .settings import SettingsError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(parser, args)
    except SettingsError as exc:  # a setting staff gave: named, no traceback
        print(f"设置有误：{exc}", file=sys.stderr)
        return exc.exitcode


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command == "search":
        filters = {k: getattr(args, k) for k in ("dataset", "agency", "year", "status") if getattr(args, k)}
        settings = _search_settings(args.settings, args.output, args.cache)
        return search(settings.cache_dir, args.query, filters, args.json, args.limit, settings.siteurl)
    if args.command == "check":
        return check(args.feeds, args.settings, args.today, args.allow_shrink, args.output)
    if args.command == "due":
        return due(args.output, args.feeds, args.today)
    if not args.settings.is_file():
        parser.error(f"找不到设置文件 {args.settings}（请在项目根目录运行）")
    serving = args.command == "serve"
    siteurl = f"http://localhost:{args.port}" if serving else args.siteurl
    code = build(args.settings, args.feeds, args.today, args.output, siteurl,
                 development=serving or args.dev, allow_shrink=args.allow_shrink)
    if code or args.command == "build":
        return code
    return serve(args.output or Path("output"), args.port, search_cache_dir(args.settings, args.output))


if __name__ == "__main__":
    sys.exit(main())
