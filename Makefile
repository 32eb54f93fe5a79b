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
# make devserver builds development pages (reload script, drafts) here, never into
# OUTPUTDIR, so a publish made while it runs is not replaced by its next rebuild.
DEVOUTPUTDIR ?= $(patsubst %/,%,$(OUTPUTDIR))-dev
CONFFILE ?= $(CURDIR)/pelicanconf.py
PUBLISHCONF ?= $(CURDIR)/publishconf.py
BIND ?= 127.0.0.1
PORT ?= 8000

# Deploy targets (see README, "Publishing and deploying").
# rsync_upload: an empty SSH_HOST syncs to SSH_TARGET_DIR on this machine.
SSH_HOST ?=
SSH_PORT ?= 22
SSH_USER ?=
SSH_TARGET_DIR ?=
# github: the branch GitHub Pages serves, the remote it is pushed to, and the local
# repository that keeps the branch.
GITHUB_PAGES_BRANCH ?= gh-pages
GITHUB_REMOTE ?= origin
GITHUB_PAGES_REPO ?= $(CURDIR)
# s3_upload: the bucket, and the endpoint of an S3-compatible service (empty for AWS).
S3_BUCKET ?=
S3_ENDPOINT_URL ?=
# The deploy tools live in their own environment: awscli pins an older docutils than Pelican.
DEPLOY_VENV ?= .venv-deploy

DEBUG ?= 0
RELATIVE ?= 0
PELICANOPTS ?=
PYTEST_ARGS ?=
# make bench: posts in the generated site, and timed builds of each kind.
N ?= 1000
REPEAT ?= 5

# What a user sets on the command line or in the environment is data, never make or shell
# code: `make new TITLE='Why we charged $$5 twice'` keeps its `$$5`, and quotes, backticks
# and `$$(...)` stay literal. `literal` takes such a value as it was typed (make would
# otherwise expand `$$5` and `$$(shell ...)` in it); `q` single-quotes a value for the shell.
# Defaults written in this file are left alone: they are expanded as usual.
USER_VARIABLES = KIND TITLE POST YES EMAIL LIST CONFIRM RESEND_UNCERTAIN FROM ADDRESS INPUTDIR OUTPUTDIR DEVOUTPUTDIR \
	CONFFILE PUBLISHCONF BIND PORT N REPEAT \
	SSH_HOST SSH_PORT SSH_USER SSH_TARGET_DIR GITHUB_PAGES_BRANCH GITHUB_REMOTE \
	GITHUB_PAGES_REPO S3_BUCKET S3_ENDPOINT_URL
literal = $(if $(filter command line environment,$(origin $(1))),$(eval override $(1) := $$(value $(1))))
$(foreach variable,$(USER_VARIABLES),$(call literal,$(variable)))
q = '$(subst ','\'',$(1))'
# Free text may hold line breaks, which no recipe line can carry: it goes by environment.
export KIND TITLE POST
# make send: read by Candor from the environment (RESEND_UNCERTAIN=1 sends the uncertain again).
export RESEND_UNCERTAIN
# A host, user, remote or branch that starts with "-" would be read as an option of ssh or
# git (`-oProxyCommand=...`, `--receive-pack=...`): refuse it rather than run it.
must_not_be_an_option = case $(call q,$($(1))) in -*) \
	echo '$(1) must not start with "-"; give a host, user, remote or branch name.' >&2; exit 2;; esac
must_be_a_port = case $(call q,$($(1))) in ''|*[!0-9]*) \
	echo '$(1) must be a port number, like 22.' >&2; exit 2;; esac

ifeq ($(DEBUG), 1)
	PELICANOPTS += --debug
endif
ifeq ($(RELATIVE), 1)
	PELICANOPTS += --relative-urls
endif

BUILD_STAMP = $(VENV)/.installed-build
DEV_STAMP = $(VENV)/.installed-dev
DEPLOY_STAMP = $(DEPLOY_VENV)/.installed-deploy
AWS = $(DEPLOY_VENV)/bin/aws
BENCH_STAMP = $(VENV)/.installed-bench

.DEFAULT_GOAL := help
.PHONY: help fresh new html regenerate serve devserver publish check send-test send import-replies suppressed \
	unsuppress rsync_upload github s3_upload \
	test test-fast lint bench clean venv

help: ## List the targets
	@echo "Candor: make TARGET [VARIABLE=value ...]"
	@echo
	@grep -E '^[a-z0-9_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  %-14s %s\n", $$1, $$2}'
	@echo
	@echo "Variables: INPUTDIR OUTPUTDIR DEVOUTPUTDIR CONFFILE PUBLISHCONF PORT BIND DEBUG=1 RELATIVE=1 PY"
	@echo "New:       KIND TITLE POST    Fresh: YES=1    Bench: N REPEAT"
	@echo "Send:      EMAIL LIST CONFIRM RESEND_UNCERTAIN"
	@echo "Replies:   POST FROM ADDRESS"
	@echo "Deploy:    SSH_HOST SSH_PORT SSH_USER SSH_TARGET_DIR GITHUB_PAGES_BRANCH GITHUB_REMOTE"
	@echo "           GITHUB_PAGES_REPO S3_BUCKET S3_ENDPOINT_URL"

$(BUILD_STAMP): requirements.txt
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Candor needs Python 3.11 or newer; $(PY) is older. Try: make PY=python3.11 ..." >&2; exit 1; }
	@test -x $(VENV_PY) || $(PY) -m venv $(VENV)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements-dev.txt $(BUILD_STAMP)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(DEPLOY_STAMP): requirements-deploy.txt $(BUILD_STAMP)
	@test -x $(DEPLOY_VENV)/bin/python || $(PY) -m venv $(DEPLOY_VENV)
	$(DEPLOY_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-deploy.txt
	@touch $@

$(BENCH_STAMP): bench/requirements.txt $(BUILD_STAMP)
	$(VENV_PY) -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	@touch $@

venv: $(DEV_STAMP) $(DEPLOY_STAMP) ## Create or update .venv and .venv-deploy (done automatically)

html: $(BUILD_STAMP) ## Build the site into OUTPUTDIR (problems are printed, the site still builds)
	$(CANDOR) build -s $(call q,$(CONFFILE)) -i $(call q,$(INPUTDIR)) -o $(call q,$(OUTPUTDIR)) $(PELICANOPTS)

regenerate: $(BUILD_STAMP) ## Build OUTPUTDIR, then rebuild it whenever content, theme or settings change
	$(CANDOR) build --watch -s $(call q,$(CONFFILE)) -i $(call q,$(INPUTDIR)) -o $(call q,$(OUTPUTDIR)) $(PELICANOPTS)

serve: html ## Build, then serve the site at http://127.0.0.1:8000/ (BIND, PORT)
	$(PELICAN) -l -b $(call q,$(BIND)) -p $(call q,$(PORT)) -o $(call q,$(OUTPUTDIR)) -s $(call q,$(CONFFILE))

devserver: $(BUILD_STAMP) ## Serve DEVOUTPUTDIR on BIND:PORT, rebuild on every change, reload the browser
	$(CANDOR) serve -s $(call q,$(CONFFILE)) -i $(call q,$(INPUTDIR)) -o $(call q,$(DEVOUTPUTDIR)) --bind $(call q,$(BIND)) --port $(call q,$(PORT)) $(PELICANOPTS)

# Asks first; YES=1 answers for you (a script, a CI job). Refuses when content/ holds
# anything but the untouched sample, so nobody's own posts are removed.
fresh: $(BUILD_STAMP) ## Remove the sample content, its ledger and sent copies, to start a new site (YES=1: no question)
	@$(CANDOR) fresh $(if $(filter 1 yes,$(YES)),--yes) -s $(call q,$(CONFFILE)) -i $(call q,$(INPUTDIR))

new: $(BUILD_STAMP) ## New post: KIND=thank-you|incident|responses TITLE="..."; new email: KIND=email POST=<slug>
	@$(CANDOR) new "$$KIND" --title "$$TITLE" --post "$$POST" -s $(call q,$(CONFFILE)) -i $(call q,$(INPUTDIR))

# A deploy's target is checked before publish runs: publish may write the ledger, and a
# missing or hostile target found afterwards would leave a recorded send with no deploy.
# The checks are order-only prerequisites of publish, so they run first even under -j.
DEPLOY_TARGET_CHECKS = $(addprefix target-of-,$(filter rsync_upload s3_upload github,$(MAKECMDGOALS)))
# Steps of the deploy targets, not in the menu (the .PHONY line above is the menu).
.PHONY: target-of-rsync_upload target-of-s3_upload target-of-github

target-of-rsync_upload:
	@test -n $(call q,$(SSH_TARGET_DIR)) || { echo "Set SSH_TARGET_DIR (and SSH_HOST for a server)." >&2; exit 2; }
	@$(call must_be_a_port,SSH_PORT)
	@$(call must_not_be_an_option,SSH_HOST)
	@$(call must_not_be_an_option,SSH_USER)

target-of-s3_upload:
	@$(call must_not_be_an_option,S3_BUCKET)
	@test -n $(call q,$(S3_BUCKET)) || { echo "Set S3_BUCKET (and S3_ENDPOINT_URL if not AWS)." >&2; exit 2; }

target-of-github:
	@$(call must_not_be_an_option,GITHUB_REMOTE)
	@$(call must_not_be_an_option,GITHUB_PAGES_BRANCH)

publish: $(BUILD_STAMP) | $(DEPLOY_TARGET_CHECKS) ## Build the public site with PUBLISHCONF, check it, then swap it in
	$(CANDOR) build --check -s $(call q,$(PUBLISHCONF)) -i $(call q,$(INPUTDIR)) -o $(call q,$(OUTPUTDIR)) $(PELICANOPTS)

check: $(BUILD_STAMP) ## Check OUTPUTDIR: links, anchors, feeds, addresses, drafts, ledger
	$(CANDOR) check -s $(call q,$(PUBLISHCONF)) -i $(call q,$(INPUTDIR)) -o $(call q,$(OUTPUTDIR)) $(PELICANOPTS)

# make send: the relay and the rules come from CANDOR_* settings in pelicanconf.py or the
# environment (README, "Sending an announcement"); the password only from the environment.
send-test: $(BUILD_STAMP) ## Send email EMAIL=<slug> to CANDOR_TEST_RECIPIENTS, marked as a test
	@test -n $(call q,$(EMAIL)) || { echo "Give the email: make send-test EMAIL=<slug>" >&2; exit 2; }
	@$(CANDOR) send-test -s $(call q,$(PUBLISHCONF)) -i $(call q,$(INPUTDIR)) -o $(call q,$(OUTPUTDIR)) -- $(call q,$(EMAIL))

send: $(BUILD_STAMP) ## Send EMAIL=<slug> to the list LIST=<file>, once each (CONFIRM=<count>, RESEND_UNCERTAIN=1)
	@test -n $(call q,$(EMAIL)) -a -n $(call q,$(LIST)) || \
		{ echo "Give the email and the list: make send EMAIL=<slug> LIST=<file>" >&2; exit 2; }
	@$(CANDOR) send -s $(call q,$(PUBLISHCONF)) -i $(call q,$(INPUTDIR)) -o $(call q,$(OUTPUTDIR)) \
		$(if $(CONFIRM),--confirm $(call q,$(CONFIRM))) -- $(call q,$(EMAIL)) $(call q,$(LIST))

# make import-replies: replies become pending blocks of the post (README, "Importing replies").
import-replies: $(BUILD_STAMP) ## Import replies FROM=<mbox, .eml folder or CSV> into POST=<slug>, pending review
	@test -n "$$POST" -a -n $(call q,$(FROM)) || \
		{ echo "Give the post and the replies: make import-replies POST=<slug> FROM=<file or folder>" >&2; exit 2; }
	@$(CANDOR) import-replies -s $(call q,$(CONFFILE)) -i $(call q,$(INPUTDIR)) -o $(call q,$(OUTPUTDIR)) -- "$$POST" $(call q,$(FROM))

suppressed: $(BUILD_STAMP) ## Is ADDRESS=<email> on the suppression list of replies? (without ADDRESS: how many, when, why)
	@$(CANDOR) suppression -s $(call q,$(CONFFILE)) -i $(call q,$(INPUTDIR)) -o $(call q,$(OUTPUTDIR)) -- $(call q,$(ADDRESS))

unsuppress: $(BUILD_STAMP) ## Take ADDRESS=<email> off the suppression list of replies: make send emails them again
	@test -n $(call q,$(ADDRESS)) || { echo "Give the address: make unsuppress ADDRESS=<email>" >&2; exit 2; }
	@$(CANDOR) suppression --remove -s $(call q,$(CONFFILE)) -i $(call q,$(INPUTDIR)) -o $(call q,$(OUTPUTDIR)) -- $(call q,$(ADDRESS))

# --checksum: every build rewrites every file, so times say nothing; --delay-updates puts
# the changed files in place together at the end rather than one by one.
rsync_upload: target-of-rsync_upload publish ## Publish, then rsync OUTPUTDIR to SSH_TARGET_DIR (on SSH_HOST when set)
	rsync -rlc --delete --delay-updates --itemize-changes \
		$(if $(SSH_HOST),-e $(call q,ssh -p $(SSH_PORT))) -- $(call q,$(OUTPUTDIR)/) \
		$(call q,$(if $(SSH_HOST),$(if $(SSH_USER),$(SSH_USER)@)$(SSH_HOST):)$(SSH_TARGET_DIR)/)

# -n adds .nojekyll, so GitHub Pages serves the files as they are instead of through Jekyll.
# The output folder is made absolute before the cd into the pages repository.
github: target-of-github publish $(DEPLOY_STAMP) ## Publish, commit OUTPUTDIR to GITHUB_PAGES_BRANCH, push to GITHUB_REMOTE
	site=$$(realpath -- $(call q,$(OUTPUTDIR))) && cd -- $(call q,$(GITHUB_PAGES_REPO)) && \
		$(call q,$(abspath $(DEPLOY_VENV))/bin/ghp-import) -n -m "Publish the site" \
		-b $(call q,$(GITHUB_PAGES_BRANCH)) -- "$$site"
	cd -- $(call q,$(GITHUB_PAGES_REPO)) && \
		git push -- $(call q,$(GITHUB_REMOTE)) $(call q,$(GITHUB_PAGES_BRANCH))

# `aws s3 sync` guesses a Content-Type from the extension: JSON Feeds would go out as
# application/json, .eml as binary, .opml as nothing. So the typed files go in passes
# of their own (--exclude "*" --include PATTERN --content-type TYPE), the rest last;
# each pass deletes the stale objects it covers. Atom and RSS go out as application/xml,
# the type GitHub Pages and web servers give .xml: browsers then apply the feed's XSL
# page (they show application/atom+xml as text), and feed readers take either.
S3_SYNC = $(AWS) s3 sync $(call q,$(OUTPUTDIR)) $(call q,s3://$(S3_BUCKET)) --delete --only-show-errors \
	$(if $(S3_ENDPOINT_URL),--endpoint-url $(call q,$(S3_ENDPOINT_URL)))
s3_upload: target-of-s3_upload publish $(DEPLOY_STAMP) ## Publish, then sync OUTPUTDIR to S3_BUCKET (S3_ENDPOINT_URL)
	$(S3_SYNC) --exclude "*" --include "*.atom.xml" --include "*.rss.xml" --content-type application/xml
	$(S3_SYNC) --exclude "*" --include "feeds/*.json" --content-type application/feed+json
	$(S3_SYNC) --exclude "*" --include "*.eml" --content-type message/rfc822
	$(S3_SYNC) --exclude "*" --include "*.opml" --content-type text/x-opml
	$(S3_SYNC) --exclude "*.atom.xml" --exclude "*.rss.xml" --exclude "feeds/*.json" --exclude "*.eml" \
		--exclude "*.opml"
	@# An old address of a post or email: S3's website endpoint answers it with a 301.
	@PYTHONPATH=$(call q,$(CURDIR)/plugins) $(VENV_PY) -m candor.publish.redirects $(call q,$(OUTPUTDIR)) | \
	while IFS='	' read -r key target; do \
		$(AWS) s3 cp $(call q,$(OUTPUTDIR))/"$$key" $(call q,s3://$(S3_BUCKET))/"$$key" \
			--website-redirect "$$target" --content-type text/html --only-show-errors \
			$(if $(S3_ENDPOINT_URL),--endpoint-url $(call q,$(S3_ENDPOINT_URL))) || exit 1; \
	done

test: $(DEV_STAMP) $(DEPLOY_STAMP) ## Run the whole test suite
	$(VENV_PY) -m pytest $(PYTEST_ARGS)

# The markers are registered, one line each, in pyproject.toml.
test-fast: $(DEV_STAMP) ## Run the tests that need no browser, deploy tool or make process
	$(VENV_PY) -m pytest -m "not browser and not deploy and not slow" $(PYTEST_ARGS)

lint: $(DEV_STAMP) ## Check the code with ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: $(BENCH_STAMP) ## Time stock Pelican, Candor and Hugo on N posts, and make send to 10,000; write bench/RESULTS.md, SEND_RESULTS.md
	PYTHONPATH=$(CURDIR)/plugins $(VENV_PY) bench/run.py --posts $(call q,$(N)) --repeat $(call q,$(REPEAT))
	$(VENV_PY) bench/send.py

# Through Candor, so an OUTPUTDIR that is the project (or holds it) is refused, not
# deleted, and a build running into it is waited for. Without .venv nothing was built.
clean: ## Remove the built sites (OUTPUTDIR, DEVOUTPUTDIR) and caches (keeps .venv)
	@if test -x $(VENV_PY); then \
		$(CANDOR) clean -s $(call q,$(CONFFILE)) -i $(call q,$(INPUTDIR)) -o $(call q,$(OUTPUTDIR)) && \
		$(CANDOR) clean -s $(call q,$(CONFFILE)) -i $(call q,$(INPUTDIR)) -o $(call q,$(DEVOUTPUTDIR)); fi
	rm -rf -- $(call q,$(CURDIR)/cache) .pytest_cache
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
