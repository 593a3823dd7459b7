"""Which output file a URL of the built site is served from, the way the site makes its links:
root-relative under SITEURL's path (GongshiSettings.site_root), absolute only in feeds and the
sitemap, percent-encoded where a path has Chinese in it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

SKIPPED_SCHEMES = ("mailto", "tel", "data")  # nothing to fetch from this site


@dataclass(frozen=True)
class SiteFiles:
    output: Path
    siteurl: str  # as the build was given it, e.g. "https://zfgs.example.gov.cn"

    @property
    def site_root(self) -> str:
        return urlsplit(self.siteurl).path.rstrip("/") + "/"

    def page_url(self, file: Path) -> str:
        """The absolute URL a visitor sees for an output file (index.html shown as its folder)."""
        rel = file.relative_to(self.output).as_posix()
        rel = rel.removesuffix("index.html") if rel == "index.html" or rel.endswith("/index.html") else rel
        return self.siteurl.rstrip("/") + "/" + rel

    def internal(self, url: str, base: str) -> str | None:
        """The site path of `url` (found on the page at `base`) with its query dropped, or None
        when the link leaves the site or fetches nothing."""
        absolute = urljoin(base, url.strip())
        parts, site = urlsplit(absolute), urlsplit(self.siteurl)
        if parts.scheme in SKIPPED_SCHEMES:
            return None
        if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
            return None
        return parts.path

    def file_for(self, path: str) -> Path | None:
        """The output file served at a site path, or None when there is none."""
        if not path.startswith(self.site_root) and path + "/" != self.site_root:
            return None  # outside the folder the site is served from
        rel = unquote(path[len(self.site_root):])
        if ".." in rel.split("/"):
            return None
        target = self.output / rel
        if rel == "" or rel.endswith("/") or target.is_dir():
            target = target / "index.html"  # what a web server sends for a folder
        return target if target.is_file() else None
