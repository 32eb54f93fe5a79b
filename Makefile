# Candor: `make help` lists every target. The first target that needs Python
# creates .venv and installs the pinned requirements; editing a requirements
# file makes the next target reinstall them.

PY ?= python3
VENV ?= .venv
VENV_PY = $(VENV)/bin/python
PELICAN = $(VENV)/bin/pelican
# The plugin package doubles as the build command (`python -m candor build`).
CANDOR = PYTHONPATH=$(CURDIR)/plugins $(VENV_PY) -m candor

INPUTDIR ?= $(CURDIR)/content
OUTPUTDIR ?= $(CURDIR)/output
CONFFILE ?= $(CURDIR)/pelicanconf.py
PUBLISHCONF ?= $(CURDIR)/publishconf.py
BIND ?= 127.0.0.1
PORT ?= 8000

DEBUG ?= 0
RELATIVE ?= 0
PELICANOPTS ?=
PYTEST_ARGS ?=
# make bench: posts in the generated site, and timed builds of each kind.
N ?= 1000
REPEAT ?= 5

ifeq ($(DEBUG), 1)
	PELICANOPTS += --debug
endif
ifeq ($(RELATIVE), 1)
	PELICANOPTS += --relative-urls
endif

BUILD_STAMP = $(VENV)/.installed-build
DEV_STAMP = $(VENV)/.installed-dev
BENCH_STAMP = $(VENV)/.installed-bench

.DEFAULT_GOAL := help
.PHONY: help html regenerate serve devserver publish test lint bench clean venv

help: ## List the targets
	@echo "Candor: make TARGET [VARIABLE=value ...]"
	@echo
	@grep -E '^[a-z_]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  %-14s %s\n", $$1, $$2}'
	@echo
	@echo "Variables: INPUTDIR OUTPUTDIR CONFFILE PUBLISHCONF PORT BIND DEBUG=1 RELATIVE=1 PY N REPEAT"

$(BUILD_STAMP): requirements.txt
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Candor needs Python 3.11 or newer; $(PY) is older. Try: make PY=python3.11 ..." >&2; exit 1; }
	@test -x $(VENV_PY) || $(PY) -m venv $(VENV)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements-dev.txt $(BUILD_STAMP)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(BENCH_STAMP): bench/requirements.txt $(BUILD_STAMP)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	@touch $@

venv: $(DEV_STAMP) ## Create or update .venv with everything (done automatically)

html: $(BUILD_STAMP) ## Build the site into OUTPUTDIR (problems are printed, the site still builds)
	$(CANDOR) build -s "$(CONFFILE)" -i "$(INPUTDIR)" -o "$(OUTPUTDIR)" $(PELICANOPTS)

regenerate: $(BUILD_STAMP) ## Rebuild whenever content, theme or settings change
	$(PELICAN) -r "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(if $(filter 1,$(DEBUG)),-D)

serve: html ## Build, then serve the site at http://127.0.0.1:8000/ (BIND, PORT)
	$(PELICAN) -l -b $(BIND) -p $(PORT) -o "$(OUTPUTDIR)" -s "$(CONFFILE)"

devserver: $(BUILD_STAMP) ## Serve on BIND:PORT and rebuild on every change
	$(PELICAN) -lr "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" -b $(BIND) -p $(PORT) $(if $(filter 1,$(DEBUG)),-D)

publish: $(BUILD_STAMP) ## Build the public site with PUBLISHCONF; any problem stops it
	$(CANDOR) build -s "$(PUBLISHCONF)" -i "$(INPUTDIR)" -o "$(OUTPUTDIR)" $(PELICANOPTS)

test: $(DEV_STAMP) ## Run the test suite
	$(VENV_PY) -m pytest $(PYTEST_ARGS)

lint: $(DEV_STAMP) ## Check the code with ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: $(BENCH_STAMP) ## Time stock Pelican, Candor and Hugo on N generated posts; write bench/RESULTS.md
	PYTHONPATH=$(CURDIR)/plugins $(VENV_PY) bench/run.py --posts $(N) --repeat $(REPEAT)

clean: ## Remove the built site and caches (keeps .venv)
	rm -rf "$(OUTPUTDIR)" $(CURDIR)/.output-* $(CURDIR)/cache .pytest_cache
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
