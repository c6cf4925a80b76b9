# Quick start: `make booklets` builds every booklet and handout; `make test` runs the tests.
# Both install what is missing first.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP_SYSTEM := $(VENV)/.system-packages
STAMP_TEST := $(VENV)/.test-packages
STAMP_PYTHON := $(VENV)/.python-packages
# The pictogram library (Health Icons, npm), pinned in package.json and package-lock.json.
STAMP_ICONS := node_modules/.installed

.PHONY: booklets test test-fast check bench benchmark proof preview clean setup profiles

booklets: setup
	$(PY) make_booklet.py --content content --out build

test: setup $(STAMP_TEST)
	$(PY) -m pytest -q

# The tests that take under a few seconds each and need no browser: under a minute.
test-fast: setup
	$(PY) -m pytest -q -n 2 --dist loadscope -m "not slow and not browser"

preview: setup
	$(PY) make_booklet.py serve

proof: booklets
	$(PY) make_booklet.py proof build

check: setup
	$(PY) make_booklet.py --check

bench benchmark: setup
	$(PY) benchmarks/bench_build.py
	$(PY) benchmarks/bench_preview.py

setup: $(STAMP_SYSTEM) $(STAMP_PYTHON) $(STAMP_ICONS)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP_SYSTEM): scripts/system-packages.txt scripts/install-system-packages.sh | $(VENV)/bin/python
	bash scripts/install-system-packages.sh
	touch $@

$(STAMP_TEST): scripts/test-packages.txt scripts/install-system-packages.sh | $(VENV)/bin/python
	bash scripts/install-system-packages.sh scripts/test-packages.txt
	touch $@

$(STAMP_PYTHON): requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# npm comes with Node.js; Debian's nodejs and npm are installed only where there is none.
$(STAMP_ICONS): package.json package-lock.json
	command -v npm >/dev/null || bash scripts/install-system-packages.sh scripts/node-packages.txt
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# Remake the CMYK output profiles of profiles/ from Fogra's characterization data
# (committed; see profiles/README.md).
profiles: | $(VENV)/bin/python
	bash scripts/install-system-packages.sh scripts/profile-packages.txt
	bash scripts/make-profiles.sh

clean:
	rm -rf build
