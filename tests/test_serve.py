"""`gongshi serve`: what a staff member previewing the site sees in the browser and the terminal."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from gongshi import cli
from tests import feedkit
from tests.sitekit import build_site

TODAY = "2026-11-23"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("serve")
    output = work / "out"
    code, _ = build_site(feedkit.write_feeds(work / "feeds", penalty_rows=feedkit.penalties()), output, TODAY)
    assert code == 0 and (output / "404.html").is_file()
    return output


@pytest.fixture
def base(built):
    server = cli.make_server(built, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _get(url: str, method: str = "GET") -> tuple[int, str, str]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode("utf-8")


def test_a_missing_page_is_the_sites_own_404_page_with_status_404(built, base, capsys) -> None:
    own = (built / "404.html").read_text("utf-8")
    for path in ("/no/such/page/", "/officers/99999999999999/", "/" + quote("penalties/江临市监罚-2099-1号/")):
        status, content_type, body = _get(base + path)
        assert status == 404, path
        assert content_type == "text/html; charset=utf-8" and body == own
        assert "未找到页面" in body and "File not found" not in body and "Error response" not in body
    err = capsys.readouterr().err
    assert "找不到网页：/penalties/江临市监罚-2099-1号/" in err  # logged in Chinese, decoded


def test_a_folder_without_a_page_is_missing_too_not_a_file_listing(built, base) -> None:
    assert (built / "theme").is_dir() and not (built / "theme" / "index.html").exists()
    status, _, body = _get(base + "/theme/")
    assert status == 404 and "Directory listing" not in body and "未找到页面" in body


def test_pages_are_served_and_nothing_english_is_logged(base, capsys) -> None:
    assert _get(base + "/")[0] == 200
    assert _get(base + "/officers/33990001000001/")[0] == 200
    status, _, body = _get(base + "/", method="POST")
    assert status == 501 and "不支持该请求方法" in body and "Unsupported method" not in body
    captured = capsys.readouterr()
    text = captured.out + captured.err
    for english in ("HTTP/1.1", '"GET ', "code 404", "Traceback", "Exception occurred"):
        assert english not in text, english
    assert "请求出错（501" in captured.err


def test_serve_builds_without_pelicans_english_summary(tmp_path: Path, monkeypatch, capsys) -> None:
    """`gongshi serve` = a development build, then the preview: neither prints Pelican's
    "Done: Processed …" nor Python's own lines."""
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    served = {}
    monkeypatch.setattr(cli, "serve", lambda directory, port, cache_dir=None: served.update(port=port) or 0)
    feeds = feedkit.write_feeds(tmp_path / "feeds")
    assert cli.main(["serve", "--feeds", str(feeds), "--today", TODAY, "--output", str(tmp_path / "out"),
                     "--port", "8123"]) == 0
    captured = capsys.readouterr()
    assert served == {"port": 8123}
    assert "Done: Processed" not in captured.out + captured.err and "构建完成" in captured.out


def test_a_port_in_use_is_said_in_chinese(built, capsys) -> None:
    server = cli.make_server(built, 0)
    try:
        assert cli.serve(built, server.server_address[1]) == 2
    finally:
        server.server_close()
    assert "端口" in capsys.readouterr().err


def test_a_failing_request_is_one_chinese_line_not_a_traceback(built, capsys, monkeypatch) -> None:
    def broken(self) -> None:
        raise ValueError("坏了")

    monkeypatch.setattr(cli._SiteHandler, "do_GET", broken)
    server = cli.make_server(built, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises((urllib.error.URLError, ConnectionError, OSError)):
            urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
    err = capsys.readouterr().err
    assert "预览服务处理请求时出错：ValueError: 坏了" in err and "Traceback" not in err
