# The two set-up commands of README.md. Each installs what it needs on a fresh machine, into a
# virtual environment of its own (.venv): Debian's system Python refuses `pip install`.
PYTHON ?= python3
VENV ?= .venv
VPY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: portal test install install-test browser-deps serve

# python3 -m venv needs Debian's python3-venv; install it when the module is missing.
$(VPY):
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	@$(VPY) -m pip install -q --upgrade pip

install: $(VPY)
	$(VPY) -m pip install -q -e .

install-test: $(VPY)
	$(VPY) -m pip install -q -e '.[test]'

# Debian's Chromium, CJK fonts and Java for the browser and HTML-validity tests (Playwright
# cannot download browsers here).
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk; \
	fi

portal: install
	$(VENV)/bin/gongshi build --dev
	@echo "打开网站：$(VENV)/bin/gongshi serve  然后访问 http://localhost:8000/"

serve: install
	$(VENV)/bin/gongshi serve

# Lint first: a ruff finding fails the run before any test starts.
test: install-test browser-deps
	$(VENV)/bin/ruff check plugins tests benchmarks
	$(VPY) -m pytest
