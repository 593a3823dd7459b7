"""Site settings for `pelican content`. Every gongshi setting is declared, with its meaning,
in plugins/gongshi/settings.py; override any of them with `-e NAME=value`."""

from __future__ import annotations

AUTHOR = "江临市司法局"
SITENAME = "江临市行政执法公示平台"
SITEURL = "http://localhost:8000"
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"

PATH = "content"
THEME = "themes/gongshi"
PLUGIN_PATHS = ["plugins"]
# One plugin: the pipeline, which runs the stages in order (gongshi/pipeline.py).
PLUGINS = ["gongshi.pipeline"]

DISCLOSURE_FEEDS = "data_feeds"
DISCLOSURE_TODAY = None  # None = today in Asia/Shanghai (or SOURCE_DATE_EPOCH)

# Staff-written Markdown pages only; records are rendered by the pages stage, not as Articles.
ARTICLE_PATHS: list[str] = []
PAGE_PATHS = ["pages"]
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DIRECT_TEMPLATES: list[str] = []
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
THEME_STATIC_PATHS: list[str] = []  # the pages stage copies the theme's static files itself
STATIC_PATHS: list[str] = []
# The writer skips unchanged files and prunes stale ones, so the output is never wiped.
DELETE_OUTPUT_DIRECTORY = False
CACHE_CONTENT = False
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}
