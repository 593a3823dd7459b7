"""URL rules. URLs come from natural keys and never change (DESIGN.md, invariant 4):
a QR code printed on a card must keep working for the card's life.

    /officers/<执法证号>/                  officer (执法证号 normalised: NFKC, no spaces, upper case)
    /officers/agency/<主体USCC>/[page/N/]   officers of one agency
    /agencies/<统一社会信用代码>/            agency
    /powers/<事项编码>/                     power item
    /powers/agency/<主体USCC>/[page/N/]     power items of one agency
    /powers/kind/<slug>/[page/N/]           power items of one 事项类别 (slugs in datasets.py)
    /officers/lookup/meta.json, <n>.json    the sharded credential-lookup index
    /penalties/<文号 slug>/                 penalty decision (slug rule: `decision_slug`)
    /penalties/{authority,year,violation,kind}/<slug>/[page/N/]   listings
    /companies/<统一社会信用代码>/           every published decision about one business
    /companies/lookup/meta.json, <n>.json   lookup by 统一社会信用代码 or full name
    /inspections/task/<任务编号 slug>/       one 双随机 task: its subjects and results
    /inspections/{authority,year,result}/<slug>/[page/N/]   listings of results
    /supervision/<kind slug>/[page/N/]      案卷评查 / 专项监督 / 执法考核 (slugs in datasets.py)
    /supervision/unit/<单位 slug>/           one unit's outcomes across periods
    /<path>/[page/N/]                       a dataset published from its schema (pages.generic)
    /<path>/by-<field>/<value slug>/[page/N/]   its records with one facet value
    /<path>/<key slug>/                     one of its records

Each function returns the path relative to the site root, ending in "/" for pages; `file_of`
turns it into the file written under output/.
"""

from __future__ import annotations

from urllib.parse import quote

from ..feeds.slugs import slug, slug_all  # noqa: F401 - (the rule lives with the keys it checks)


def _seg(key: str) -> str:
    if key.isascii() and key.replace("-", "").isalnum():
        return key  # nothing to encode (the common case: 执法证号, USCC)
    # quote() one character at a time, remembered: the same as quote(key) (UTF-8 encodes each
    # character on its own) and faster, since 文号 share most of their characters.
    return "".join([_QUOTED.get(c) or _QUOTED.setdefault(c, quote(c, safe="-._~")) for c in key])


_QUOTED: dict[str, str] = {}


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


def decision(decision_no: str) -> str:
    return f"penalties/{_seg(slug(decision_no))}/"


def decision_file(decision_no: str) -> str:
    """file_of(decision(...)) without encoding the 文号 only to decode it again."""
    return f"penalties/{slug(decision_no)}/index.html"


def company(uscc: str) -> str:
    return f"companies/{_seg(uscc)}/"


def penalties_by(facet: str, value_slug: str, page: int = 1) -> str:
    return paged(f"penalties/{facet}/{_seg(value_slug)}/", page)


def inspection_task(task_no: str) -> str:
    return f"inspections/task/{_seg(slug(task_no))}/"


def inspections_by(facet: str, value_slug: str, page: int = 1) -> str:
    return paged(f"inspections/{facet}/{_seg(value_slug)}/", page)


def supervision_kind(kind_slug: str, page: int = 1) -> str:
    return paged(f"supervision/{kind_slug}/", page)


def supervision_unit(unit: str) -> str:
    return f"supervision/unit/{_seg(slug(unit))}/"


def record_listing(folder: str, page: int = 1) -> str:
    return paged(f"{folder}/", page)


def record_facet(folder: str, field: str, value_slug: str, page: int = 1) -> str:
    return paged(f"{folder}/by-{field}/{_seg(value_slug)}/", page)


def record(folder: str, key_slug: str) -> str:
    return f"{folder}/{_seg(key_slug)}/"


def paged(base: str, page: int) -> str:
    return base if page == 1 else f"{base}page/{page}/"


def file_of(url: str) -> str:
    """The file under output/ that serves a URL path (unquoted: the real file name)."""
    from urllib.parse import unquote

    path = unquote(url) if "%" in url else url
    return path + "index.html" if path.endswith("/") or path == "" else path
