"""`gongshi`: the staff command line.

    gongshi check [--feeds DIR]                         validate only; exit 1 on errors
    gongshi build [--feeds DIR] [--today DATE] [--output DIR]
    gongshi serve [--port N] [same options as build]    build, then serve on localhost
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import http.server
import logging
import sys
from pathlib import Path

from .feeds import FeedError, ProblemLog, load_feeds


def check(feeds: Path) -> int:
    log = ProblemLog()
    tables = load_feeds(feeds, log)
    print(log.report())
    if not log.errors:
        counts = "，".join(f"{t.dataset.title} {len(t)} 条" for t in tables.tables.values())
        print(f"数据源检查通过：{counts}。")
    return 1 if log.errors else 0


def build(settings_file: Path, feeds: Path | None, today: str | None, output: Path | None,
          siteurl: str | None = None, overrides: dict[str, object] | None = None) -> int:
    """Run `pelican content` with these overrides; return the exit code."""
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
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    settings = read_settings(str(settings_file), override=overrides)
    try:
        Pelican(settings).run()
    except FeedError as exc:
        print(exc, file=sys.stderr)
        return exc.exitcode
    except Exception as exc:  # the privacy gate and others carry their own message
        print(f"构建失败：{exc}", file=sys.stderr)
        return getattr(exc, "exitcode", 1)
    from .pipeline import current_state

    stats = current_state().writer.stats  # type: ignore[union-attr]
    print(f"构建完成：{settings['OUTPUT_PATH']}（生成 {stats.produced} 个文件，写入 {stats.written}，"
          f"未变 {stats.unchanged + stats.skipped}，删除 {stats.removed}）")
    return 0


def serve(directory: Path, port: int) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"在浏览器中打开 http://localhost:{port}/ （Ctrl-C 停止）")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


def _date(text: str) -> str:
    dt.date.fromisoformat(text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gongshi", description="行政执法公示平台：检查数据源、生成网站")
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="只检查数据源，列出全部问题")
    p_check.add_argument("--feeds", type=Path, default=Path("data_feeds"))
    for name, helptext in (("build", "生成网站"), ("serve", "生成网站并在本机预览")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
        p.add_argument("--feeds", type=Path)
        p.add_argument("--today", type=_date, help="按该日期（YYYY-MM-DD）生成")
        p.add_argument("--output", type=Path)
        if name == "serve":
            p.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.feeds)
    if not args.settings.is_file():
        parser.error(f"找不到设置文件 {args.settings}（请在项目根目录运行）")
    siteurl = f"http://localhost:{args.port}" if args.command == "serve" else None
    code = build(args.settings, args.feeds, args.today, args.output, siteurl)
    if code or args.command == "build":
        return code
    serve(args.output or Path("output"), args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
