# Two commands set everything up on a fresh machine: `make example` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: example test check bench lint fonts

$(VENV)/.installed: pyproject.toml
	scripts/system-libraries
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

example: $(VENV)/.installed
	$(PY) build.py

# axe-core for the browser tests, at the version package-lock.json pins.
node_modules/.installed: package.json package-lock.json
	scripts/system-libraries
	npm ci --no-audit --no-fund --silent
	touch $@

test: $(VENV)/.installed node_modules/.installed
	$(PY) -m pytest

check: $(VENV)/.installed
	$(PY) build.py --check

bench: $(VENV)/.installed
	$(PY) scripts/benchmark.py

# The web edition's Lato subsets, shipped in templates/fonts (see banenafspraak/font_subsets.py).
fonts: $(VENV)/.installed
	$(PY) -m banenafspraak.font_subsets

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
