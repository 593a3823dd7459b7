"""Browser tests: build the sample portal once, serve it on 127.0.0.1, drive Debian's Chromium.

* `site`     (session) the sample feeds built for BUILD_DAY into a tmp dir, served by a
             ThreadingHTTPServer on a free port; the QR codes encode that served URL.
* `feed_tables` (session) the sample feeds read by the project's own loader.
* `officers` (session) the sample officers with their status code on BUILD_DAY, computed with
             the project's own schedule (never hard-coded).
* `browser`  (session) Debian's Chromium, launched once.
* `page`     a fresh phone-sized context (390x844, zh-CN) and page per test; `new_context`
             makes more contexts (no JavaScript, another time zone...).
* `network`  every request any of this test's pages made, and their console errors.

Every test in this folder is marked `browser`.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
FEEDS = ROOT / "data_feeds"
BUILD_DAY = "2026-11-23"  # the sample feeds have officers in every status on this day
HOST = "127.0.0.1"

CHROMIUM = "/usr/bin/chromium"
VIEWPORT = {"width": 390, "height": 844}  # a phone
LOCALE = "zh-CN"
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE == Path(item.path).parent or HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


# --------------------------------------------------------------------------- the built site


@dataclass(frozen=True)
class Site:
    base_url: str  # "http://127.0.0.1:<port>", no trailing slash
    output: Path
    today: str

    def url(self, path: str = "/") -> str:
        """Absolute URL of a site path ("/", "officers/", "/officers/123/")."""
        return f"{self.base_url}/{path.lstrip('/')}"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from gongshi.cli import build

    work = tmp_path_factory.mktemp("portal")
    output, cache = work / "output", work / "cache"
    output.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(output))
    # Bind first (port 0 = a free port chosen by the OS), build for that URL, then serve:
    # the port cannot be taken by anyone else in between.
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    base_url = f"http://{HOST}:{server.server_address[1]}"
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        # The build cache goes to tmp too, so the test build touches nothing in the tree.
        code = build(Path("pelicanconf.py"), FEEDS, BUILD_DAY, output, siteurl=base_url,
                     overrides={"GONGSHI_CACHE": str(cache), "GONGSHI_WORKERS": 1}, development=True)
    finally:
        os.chdir(cwd)
    if code != 0 or not (output / "index.html").is_file():
        server.server_close()
        pytest.fail(f"gongshi build of {FEEDS} for {BUILD_DAY} failed (exit code {code})", pytrace=False)
    thread = threading.Thread(target=server.serve_forever, name="portal-http", daemon=True)
    thread.start()
    try:
        yield Site(base_url=base_url, output=output, today=BUILD_DAY)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def feed_tables():  # noqa: ANN201 - gongshi.feeds.FeedTables
    """The sample feeds as the project's own loader reads them (typed, not yet redacted)."""
    from gongshi.feeds import ProblemLog, load_feeds

    log = ProblemLog()
    tables = load_feeds(FEEDS, log)
    assert not log.errors, log.report()
    return tables


@pytest.fixture(scope="session")
def officers(feed_tables) -> pd.DataFrame:  # noqa: ANN001
    """The sample officers sorted by 执法证号, with `state`: their status code on BUILD_DAY
    (valid / expired / suspended / cancelled / revoked) from the project's own schedule."""
    from gongshi.schedule import officer_status

    frame = feed_tables["officers"].frame.copy()
    frame["state"] = officer_status(frame, dt.date.fromisoformat(BUILD_DAY))
    return frame.sort_values("certificate_no").reset_index(drop=True)


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium. "
                    "Install it with `make browser-deps` (apt-get install chromium fonts-noto-cjk).",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class NetworkLog:
    """What the pages of one test asked for, and what went wrong in them."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        """Requests to any host other than 127.0.0.1 (data:/blob:/about: URLs have no host)."""
        return [u for u in self.requests
                if urlsplit(u).scheme not in ("data", "blob", "about") and urlsplit(u).hostname != HOST]

    def _console(self, message) -> None:  # noqa: ANN001 - playwright ConsoleMessage
        # The theme has no favicon and Chromium always asks for /favicon.ico: that 404 is
        # the browser's, not the page's (reported to the theme's owner; not failed here).
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            self.console_errors.append(f"{message.text} ({message.location.get('url')})")

    def watch(self, context) -> None:  # noqa: ANN001 - playwright BrowserContext
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("console", self._console)
        context.on("weberror", lambda error: self.page_errors.append(str(error.error)))


@pytest.fixture
def network() -> NetworkLog:
    return NetworkLog()


@pytest.fixture
def new_context(browser, network: NetworkLog) -> Iterator[Callable[..., object]]:  # noqa: ANN001
    """new_context(**options): a phone-sized zh-CN context whose requests go to `network`."""
    contexts = []

    def make(**options: object):
        settings: dict[str, object] = {"viewport": VIEWPORT, "locale": LOCALE}
        settings.update(options)
        context = browser.new_context(**settings)
        context.set_default_timeout(TIMEOUT_MS)
        network.watch(context)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context):  # noqa: ANN001, ANN201
    return new_context()


@pytest.fixture
def page(context):  # noqa: ANN001, ANN201
    return context.new_page()
