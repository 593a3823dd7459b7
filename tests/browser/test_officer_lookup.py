"""The citizen's path: type a 执法证号 (or scan the QR code) and see at once whether the officer
may enforce today. Officers are picked from the sample feeds by their status on the build day."""

from __future__ import annotations

import datetime as dt
import re
import struct
import zlib
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest
import zxingcpp
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHANGHAI = ZoneInfo("Asia/Shanghai")

# status code on the build day -> (data-status on the page, the status in words)
SHOWN = {
    "valid": ("valid", "有效"),
    "expired": ("expired", "已过期"),
    "suspended": ("suspended", "暂扣"),
    "cancelled": ("revoked", "已注销"),
    "revoked": ("revoked", "已吊销"),
}
MISS = "未查询到该执法证号"


def an_officer(officers: pd.DataFrame, state: str) -> dict:
    """The first officer (by 执法证号) in this state on the build day; a valid one must have
    a 有效期至 (the visitor-clock tests need one)."""
    rows = officers[officers["state"] == state]
    if state == "valid":
        rows = rows[rows["valid_until"] != ""]
    assert len(rows), f"the sample feeds have no officer whose status on the build day is {state}"
    return rows.iloc[0].to_dict()


def officer_path(number: str) -> str:
    return f"/officers/{number}/"


def home_search(page, text: str) -> None:  # noqa: ANN001
    """Type into the home page's one search box, then press 查询."""
    box = page.locator("form.search-form input[name=q]")
    box.click()
    box.press_sequentially(text)
    page.locator("form.search-form").get_by_role("button", name="查询").click()


def look_up(page, text: str) -> None:  # noqa: ANN001
    """Type into the page's lookup box as a person would, then press 查询."""
    box = page.locator("form.lookup input[name=no]")
    box.click()
    box.press_sequentially(text)
    page.locator("form.lookup:has(input[name=no])").get_by_role("button", name="查询").click()


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def expect_credential(page, state: str) -> None:  # noqa: ANN001
    data, words = SHOWN[state]
    credential = page.locator("#credential")
    expect(credential).to_be_visible()
    expect(credential).to_have_attribute("data-status", data)
    expect(credential.locator(".credential__status strong")).to_have_text(words)


# --------------------------------------------------------------------------- lookup


@pytest.mark.parametrize("state", ["valid", "revoked", "expired", "cancelled", "suspended"])
def test_lookup_from_home_opens_the_officer_page_with_the_status_in_words(site, officers, page, network, state):
    officer = an_officer(officers, state)
    number = officer["certificate_no"]
    page.goto(site.url("/"))
    home_search(page, number)
    page.wait_for_url(site.url(officer_path(number)))
    expect_credential(page, state)
    expect(page.locator("h1")).to_have_text(officer["name"])
    expect(page.locator(".subtitle .code")).to_have_text(number)
    assert network.page_errors == [] and network.console_errors == []


@pytest.mark.parametrize("variant", [
    pytest.param(lambda n: f"{n[:4]} {n[4:8]} {n[8:]}", id="spaces-inside"),
    pytest.param(lambda n: f"  {n}  ", id="spaces-around"),
    pytest.param(full_width, id="full-width-digits"),
    pytest.param(lambda n: full_width(n[:6]) + "\u3000" + n[6:], id="full-width-and-ideographic-space"),
])
def test_lookup_normalises_what_people_type(site, officers, page, variant):
    officer = an_officer(officers, "valid")
    number = officer["certificate_no"]
    page.goto(site.url("/officers/"))
    look_up(page, variant(number))
    page.wait_for_url(site.url(officer_path(number)))
    expect_credential(page, "valid")


def test_lookup_upper_cases_what_people_type(site, officers, page):
    # The sample numbers are all digits, so the upper-casing shows in the normalised number
    # the miss message repeats.
    assert "33990001X" not in set(officers["certificate_no"])
    page.goto(site.url("/officers/"))
    look_up(page, "３３９９ 0001x")
    result = page.locator("form.lookup:has(input[name=no]) .lookup__result")
    expect(result).to_contain_text(f"{MISS}：33990001X。")


@pytest.mark.parametrize("start", ["/officers/", "/404.html"])
def test_unknown_number_says_so_and_stays_on_the_page(site, officers, page, network, start):
    unknown = "33990099999999"
    assert unknown not in set(officers["certificate_no"])
    page.goto(site.url(start))
    look_up(page, unknown)
    result = page.locator("form.lookup:has(input[name=no]) .lookup__result")
    expect(result).to_contain_text(MISS)
    expect(result).to_contain_text(unknown)
    expect(result).to_be_visible()
    assert page.url == site.url(start)
    lookups = [u for u in network.requests if "/officers/lookup/" in u]
    assert any(u.endswith("/officers/lookup/meta.json") for u in lookups), lookups
    assert len(lookups) == 2, f"expected meta.json and one shard, got {lookups}"


def test_shared_lookup_link_opens_the_officer(site, officers, page):
    # lookup.js: "a shared link such as /officers/?no=... looks the number up at once"
    number = an_officer(officers, "valid")["certificate_no"]
    page.goto(site.url(f"/officers/?no={number}"))
    page.wait_for_url(site.url(officer_path(number)))
    expect_credential(page, "valid")


# --------------------------------------------------------------------------- QR code (一人一码)


def png_to_grey(png: bytes) -> np.ndarray:
    """Decode an 8-bit, non-interlaced PNG (what Chromium's screenshots are) to a grey array.
    Pillow is not a test dependency of this project, so this is done with zlib and numpy."""
    try:
        import io

        from PIL import Image

        return np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    except ImportError:
        pass
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, bytearray(), None
    while pos < len(png):
        (length,), kind = struct.unpack(">I", png[pos:pos + 4]), png[pos + 4:pos + 8]
        data = png[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", data)
        elif kind == b"IDAT":
            idat += data
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    assert depth == 8 and interlace == 0 and colour in (0, 2, 4, 6), header
    raw = zlib.decompress(bytes(idat))
    stride, bpp = width * channels, channels
    out = np.zeros((height, stride), dtype=np.uint8)
    prev = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev, strict=True))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        out[y] = np.frombuffer(bytes(line), dtype=np.uint8)
        prev = line
    pixels = out.reshape(height, width, channels).astype(np.float32)
    if channels in (2, 4):  # composite on white
        alpha = pixels[..., -1:] / 255.0
        pixels = pixels[..., :-1] * alpha + 255.0 * (1.0 - alpha)
    return pixels.mean(axis=2).round().astype(np.uint8)


@pytest.mark.parametrize("state", ["valid", "revoked"])
def test_qr_code_encodes_the_page_url(site, officers, page, state):
    number = an_officer(officers, state)["certificate_no"]
    page.goto(site.url(officer_path(number)))
    qr = page.locator("svg.qr")
    expect(qr).to_be_visible()
    expect(qr).to_have_attribute("role", "img")
    image = png_to_grey(qr.screenshot())
    codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [c.text for c in codes] == [page.url], f"decoded {[c.text for c in codes]!r}"
    assert page.url == site.url(officer_path(number))
    expect(page.locator(".qr-figure figcaption .code")).to_have_text(page.url)


# --------------------------------------------------------------------------- visitor clock


def shanghai(day: str, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=SHANGHAI)


def next_day(day: str) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def test_recheck_warning_shows_when_the_visitor_date_is_past_the_expiry(site, officers, page):
    officer = an_officer(officers, "valid")
    until = officer["valid_until"]
    later = next_day(until)
    page.clock.set_fixed_time(shanghai(later, 12))
    page.goto(site.url(officer_path(officer["certificate_no"])))
    credential = page.locator("#credential")
    expect(credential).to_have_attribute("data-valid-until", until)
    note = page.locator("#credential-recheck")
    expect(note).to_be_visible()
    expect(note).to_contain_text("到期")
    expect(note).to_contain_text(until)
    expect(note).to_contain_text(later)
    expect(credential).to_have_attribute("data-status-client", "expired")
    # the status box itself changes: no green 有效 above a note saying it has expired
    expect(credential.locator(".credential__status strong")).to_have_text(f"已过期（按 {later} 计算）")
    expect(credential).to_have_class(re.compile(r"credential--expired"))
    expect(credential).not_to_contain_text("证件有效")
    # without the script the page says what was true on the build day
    expect(credential).to_have_attribute("data-status", "valid")
    # and the visitor is told whom to report someone enforcing with it to
    expect(page.locator("#credential-next")).to_be_visible()
    expect(page.locator("#credential-next")).to_contain_text("投诉举报")


def test_recheck_warning_stays_hidden_on_the_build_day(site, officers, page):
    officer = an_officer(officers, "valid")
    page.clock.set_fixed_time(shanghai(site.today, 12))
    page.goto(site.url(officer_path(officer["certificate_no"])))
    expect_credential(page, "valid")
    expect(page.locator("#credential-recheck")).to_be_hidden()
    expect(page.locator("#credential")).not_to_have_attribute("data-status-client", "expired")
    expect(page.locator("#credential-next")).to_be_hidden()


@pytest.mark.parametrize(("when", "shown"), [
    pytest.param(lambda until: shanghai(until, 23, 59), False, id="last-minute-of-expiry-day"),
    pytest.param(lambda until: shanghai(next_day(until), 0, 1), True, id="first-minute-after"),
])
def test_recheck_uses_the_date_in_shanghai_whatever_the_device_time_zone(site, officers, new_context, when, shown):
    # 有效期至 is inclusive, and the date is the one in Asia/Shanghai: at 00:01 Shanghai time
    # a device set to UTC still shows the previous day, but the card has expired.
    officer = an_officer(officers, "valid")
    page = new_context(timezone_id="UTC").new_page()
    page.clock.set_fixed_time(when(officer["valid_until"]))
    page.goto(site.url(officer_path(officer["certificate_no"])))
    note = page.locator("#credential-recheck")
    if shown:
        expect(note).to_be_visible()
        expect(note).to_contain_text("到期")
    else:
        expect(page.locator("#credential")).to_have_attribute("data-status", "valid")
        expect(note).to_be_hidden()


@pytest.mark.parametrize("state", ["expired", "revoked", "suspended"])
def test_recheck_warning_is_only_for_pages_that_say_valid(site, officers, page, state):
    page.clock.set_fixed_time(shanghai("2099-01-01", 12))
    page.goto(site.url(officer_path(an_officer(officers, state)["certificate_no"])))
    expect_credential(page, state)
    expect(page.locator("#credential-recheck")).to_be_hidden()


# --------------------------------------------------------------------------- without JavaScript


@pytest.mark.parametrize("state", ["valid", "expired", "revoked"])
def test_officer_page_shows_the_status_without_javascript(site, officers, new_context, state):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.url(officer_path(an_officer(officers, state)["certificate_no"])))
    expect_credential(page, state)
    expect(page.locator("svg.qr")).to_be_visible()
    expect(page.locator("#credential-recheck")).to_be_hidden()


def test_home_search_is_a_plain_get_form_without_javascript(site, officers, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.url("/"))
    number = an_officer(officers, "valid")["certificate_no"]
    home_search(page, number)  # the search page, which says what it can do without scripts
    page.wait_for_url(site.url(f"/search/?q={number}"))
    expect(page.locator(".search-nojs")).to_be_visible()


def test_officer_lookup_is_a_plain_get_form_without_javascript(site, officers, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site.url("/officers/"))
    form = page.locator("form.lookup:has(input[name=no])")
    expect(form).to_have_attribute("method", "get")
    expect(form).to_have_attribute("action", "/officers/")
    expect(form.locator("input[name=no]")).to_be_visible()
    hint = form.locator("noscript p")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("未启用脚本")
    expect(hint).not_to_contain_text("地址栏")  # (no "type a URL": a browse link is the way on)
    expect(hint.get_by_role("link", name="按执法主体浏览执法人员")).to_have_attribute("href", "/officers/")
    # Submitting still goes somewhere useful: the officer listings, number in the query.
    number = an_officer(officers, "valid")["certificate_no"]
    look_up(page, number)
    page.wait_for_url(site.url(f"/officers/?no={number}"))
    expect(page.locator("h1")).to_have_text("执法人员资格")
    expect(page.locator("form.lookup noscript p")).to_be_visible()


# --------------------------------------------------------------------------- privacy of visitors


def test_no_request_leaves_the_site(site, officers, page, network):
    valid = an_officer(officers, "valid")["certificate_no"]
    page.goto(site.url("/"))
    home_search(page, valid)
    page.wait_for_url(site.url(officer_path(valid)))
    expect(page.locator("svg.qr")).to_be_visible()
    page.locator(".site-menu > summary").click()  # the menu, closed on a phone
    page.get_by_role("link", name="执法人员", exact=True).first.click()
    page.wait_for_url(site.url("/officers/"))
    look_up(page, "33990099999999")
    expect(page.locator("form.lookup:has(input[name=no]) .lookup__result")).to_contain_text(MISS)
    page.goto(site.url(officer_path(an_officer(officers, "revoked")["certificate_no"])))
    expect_credential(page, "revoked")
    page.wait_for_load_state("networkidle")

    assert network.requests, "no request was recorded"
    assert network.foreign() == [], f"requests to other hosts: {network.foreign()}"
    seen = {u.removeprefix(site.base_url) for u in network.requests}
    for expected in ("/", "/theme/css/site.css", "/theme/js/lookup.js", "/theme/js/officer-status.js",
                     "/officers/lookup/meta.json", officer_path(valid), "/officers/"):
        assert expected in seen, f"{expected} was not requested: {sorted(seen)}"
    assert network.page_errors == [] and network.console_errors == []
