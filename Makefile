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
# cannot download browsers here), each installed only when missing; the Nu Html Checker
# (vnu.jar, pinned) from npm into .tools/. --ignore-scripts: its postinstall would download a
# second Java from GitHub, and the tests run Debian's.
VNU_VERSION := 26.9.27
VNU_PACKAGE := .tools/node_modules/vnu-jar/package.json

browser-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@grep -qs '"version": *"$(VNU_VERSION)"' $(VNU_PACKAGE) || \
	  npm install --prefix .tools --ignore-scripts --no-save --no-audit --no-fund --loglevel=error vnu-jar@$(VNU_VERSION)

portal: install
	$(VENV)/bin/gongshi build --dev
	@echo "打开网站：$(VENV)/bin/gongshi serve  然后访问 http://localhost:8000/"

serve: install
	$(VENV)/bin/gongshi serve

# Lint first: a ruff finding fails the run before any test starts.
test: install-test browser-deps
	$(VENV)/bin/ruff check plugins tests benchmarks
	$(VPY) -m pytest
