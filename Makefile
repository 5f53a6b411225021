# Two commands set everything up on a fresh machine: `make example` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: compiled example test check bench lint fonts

$(VENV)/.installed: pyproject.toml
	scripts/system-libraries
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# The package's bytecode, written here because PYTHONDONTWRITEBYTECODE (set on some machines,
# CI among them) stops Python from caching it on import: compiling the package on every run
# cost about 0.05 s of each process. Only changed modules are compiled again. The same for
# the templates, which Jinja compiles into templates/__pycache__ (about 0.14 s of a build).
compiled: $(VENV)/.installed
	$(PY) -m compileall -q banenafspraak
	$(PY) scripts/compile_templates.py

example: compiled
	$(PY) build.py

# axe-core for the browser tests, at the version package-lock.json pins.
node_modules/.installed: package.json package-lock.json
	scripts/system-libraries
	npm ci --no-audit --no-fund --silent
	touch $@

test: compiled node_modules/.installed
	$(PY) -m pytest

check: compiled
	$(PY) build.py --check

bench: compiled
	$(PY) scripts/benchmark.py

# The web edition's Lato subsets, shipped in templates/fonts (see banenafspraak/render/font_subsets.py).
fonts: $(VENV)/.installed
	$(PY) -m banenafspraak.render.font_subsets

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
