"""URL rules. URLs come from natural keys and never change (DESIGN.md, invariant 4):
a QR code printed on a card must keep working for the card's life.

    /officers/<执法证号>/                  officer (执法证号 normalised: NFKC, no spaces, upper case)
    /officers/agency/<主体USCC>/[page/N/]   officers of one agency
    /agencies/<统一社会信用代码>/            agency
    /powers/<事项编码>/                     power item
    /powers/agency/<主体USCC>/[page/N/]     power items of one agency
    /powers/kind/<slug>/[page/N/]           power items of one 事项类别 (slugs in datasets.py)
    /officers/lookup/meta.json, <n>.json    the sharded credential-lookup index

Each function returns the path relative to the site root, ending in "/" for pages; `file_of`
turns it into the file written under output/.
"""

from __future__ import annotations

from urllib.parse import quote


def _seg(key: str) -> str:
    return quote(key, safe="-._~")


def officer(certificate_no: str) -> str:
    return f"officers/{_seg(certificate_no)}/"


def agency(uscc: str) -> str:
    return f"agencies/{_seg(uscc)}/"


def power(code: str) -> str:
    return f"powers/{_seg(code)}/"


def officers_of_agency(uscc: str, page: int = 1) -> str:
    return paged(f"officers/agency/{_seg(uscc)}/", page)


def powers_of_agency(uscc: str, page: int = 1) -> str:
    return paged(f"powers/agency/{_seg(uscc)}/", page)


def powers_of_kind(slug: str, page: int = 1) -> str:
    return paged(f"powers/kind/{slug}/", page)


def paged(base: str, page: int) -> str:
    return base if page == 1 else f"{base}page/{page}/"


def file_of(url: str) -> str:
    """The file under output/ that serves a URL path (unquoted: the real file name)."""
    from urllib.parse import unquote

    path = unquote(url)
    return path + "index.html" if path.endswith("/") or path == "" else path
