# The two set-up commands of README.md. Each installs what it needs on a fresh machine.
PYTHON ?= python3
PIP ?= $(PYTHON) -m pip

.PHONY: portal test install install-test browser-deps

install:
	$(PIP) install -q -e .

install-test:
	$(PIP) install -q -e '.[test]'

# Debian's Chromium and CJK fonts for the browser tests (Playwright cannot download browsers here).
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

portal: install
	gongshi build
	@echo "打开网站：gongshi serve  然后访问 http://localhost:8000/"

test: install-test browser-deps
	$(PYTHON) -m pytest
