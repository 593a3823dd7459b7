"""Production settings: `pelican content -s publishconf.py`."""

from __future__ import annotations

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

# The address printed in QR codes on officers' cards: set it once and never change it.
SITEURL = os.environ.get("GONGSHI_SITEURL", "https://zfgs.jiangling.gov.cn")
RELATIVE_URLS = False
