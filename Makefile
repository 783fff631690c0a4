# Better Together CMS. `make run` serves a seeded site; `make test` runs every check and the suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_SETTINGS := DJANGO_SETTINGS_MODULE=config.settings.test
# One lock for every platform and Python from 3.11.5 (the oldest the pinned packages all run on), with the
# hashes of every file of each pinned version; --no-config keeps this machine's uv settings out of it.
LOCK := $(BIN)/uv pip compile --quiet --no-config --generate-hashes --universal --python-version 3.11.5 \
	--custom-compile-command "make lock"

.PHONY: run test lint checks typecheck lock-check lock lock-upgrade browser xmlsec services pytest fuzz seed schema messages bench bench-api bench-fleet bench-webhooks bench-sync bench-site bench-ops bench-smoke clean

# pip itself comes from the lock too, so no install takes whatever is newest.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

## Serve admin, GraphQL and GraphiQL on http://$(HOST):$(PORT), with the demo content loaded.
## Every step sees the address it serves on: ensure_admin prints it and the seed's absolute links use it.
## The worker (due email, scheduled publishing) runs beside the server; runserver is not the last command,
## so the shell stays to stop the worker when the server stops.
run: export WAGTAILADMIN_BASE_URL = http://$(HOST):$(PORT)
run: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py ensure_admin
	@echo "Admin: http://$(HOST):$(PORT)/admin/   GraphQL and GraphiQL: http://$(HOST):$(PORT)/graphql/"
	$(PY) manage.py run_worker --loop & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT); status=$$?; exit $$status

## Lint, the import contract, Django checks, migrations and schema up to date, the type check, then the whole suite
## (browser tests and CAP signatures made by xmlsec1 included).
test: lint checks typecheck browser xmlsec services pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

checks: lock-check $(VENV)/.dev
	$(BIN)/lint-imports
	$(TEST_SETTINGS) $(PY) manage.py check
	$(TEST_SETTINGS) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_SETTINGS) $(PY) manage.py export_schema --check

## mypy with django-stubs over the apps (settings in pyproject.toml); later runs reuse .mypy_cache.
typecheck: $(VENV)/.dev
	$(BIN)/mypy

## Fail when requirements.txt or requirements-dev.txt no longer matches the .in files (offline, in a second).
lock-check: $(VENV)/.dev
	$(PY) .ci/check_locks.py

## Rewrite the locks from requirements.in and requirements-dev.in, keeping every version that still fits;
## PACKAGE=name moves that one package (and what it needs) to its newest release.
lock: $(VENV)/.dev
	$(LOCK) $(if $(PACKAGE),--upgrade-package $(PACKAGE)) requirements.in -o requirements.txt
	$(LOCK) $(if $(PACKAGE),--upgrade-package $(PACKAGE)) requirements-dev.in -o requirements-dev.txt

## Move every unpinned transitive dependency to its newest release that fits.
lock-upgrade: $(VENV)/.dev
	$(LOCK) --upgrade requirements.in -o requirements.txt
	$(LOCK) --upgrade requirements-dev.in -o requirements-dev.txt

## The suite on every core (pytest-xdist); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto
pytest: $(VENV)/.dev node_modules/.installed
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

## The JavaScript clients the conformance tests run (tests/clients/), exactly as package-lock.json lists them.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## Fuzz every root field with more examples and a random seed, printed to repeat a run:
## FUZZ_SEED=1234 FUZZ_EXAMPLES=300 make fuzz (defaults: a new seed, 200 examples per root field).
fuzz: $(VENV)/.dev
	@seed=$${FUZZ_SEED:-$$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}; echo "FUZZ_SEED=$$seed"; \
	FUZZ_SEED=$$seed FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-200} $(BIN)/pytest -p no:cacheprovider tests/cms/test_fuzz.py \
	  $(PYTEST_ARGS); status=$$?; echo "FUZZ_SEED=$$seed: run 'FUZZ_SEED=$$seed make fuzz' to repeat it."; exit $$status

seed: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo

## Rewrite schema.graphql and possibleTypes.json after a model or query change.
schema: $(VENV)/.dev
	$(TEST_SETTINGS) $(PY) manage.py export_schema

## Update the message catalogs (*/locale/) after changing a translatable string, then compile them.
## Needs GNU gettext (apt-get install gettext); translators then fill in the .po files and run it again.
messages: $(VENV)/.dev
	for app in cms home stories partners displays; do \
	  (cd $$app && DJANGO_SETTINGS_MODULE=config.settings.test ../$(PY) ../manage.py makemessages \
	    --all --no-obsolete --add-location=file); done
	$(TEST_SETTINGS) $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache .mypy_cache

## Debian's programs the cluster tests start for themselves (tests/cluster/): nginx, Redis, PostgreSQL.
services:
	@missing=""; \
	  command -v nginx >/dev/null 2>&1 || missing="$$missing nginx-light"; \
	  command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = "0" ]; then \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	    else echo "Missing:$$missing; run 'sudo apt-get install$$missing' (the cluster tests fail without them)."; fi; fi

## Debian's Chromium for the browser tests (root installs it; CI runs as root).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	  else echo "Chromium is missing: run 'sudo apt-get install chromium' (browser tests skip without it, fail on CI)."; fi; }

## Debian's xmlsec1, which signs the CAP messages the signature tests check as a real sender would (root installs it;
## CI runs as root).
xmlsec:
	@command -v xmlsec1 >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xmlsec1; \
	  else echo "xmlsec1 is missing: run 'sudo apt-get install xmlsec1' (CAP signature tests skip without it, fail on CI)."; fi; }

## Benchmarks that print their figures (not part of the pass/fail suite).
bench: $(VENV)/.dev
	$(PY) bench/display_queries.py

## The API's speed targets, three runs side by side: cached answers against a static file and nginx's proxy cache,
## uncached ones against Wagtail's API v2, 10,000 stories against 100, memory and cold start, for the benchmark's
## display query and the one display.js sends (node builds it), and each worker's first answer after a publish
## (wrk from Debian; its own PostgreSQL and Redis, and media on S3, started on loopback). BENCH_RUNS=1 for one run.
## Each bench-* below starts its own PostgreSQL and Redis on free loopback ports and stops them when it ends; none
## uses the machine's. BENCH_SMOKE=1 runs one briefly at small sizes.
bench-api: $(VENV)/.dev services
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk; \
	  else echo "wrk is missing: run 'sudo apt-get install wrk'"; exit 1; fi; }
	$(PY) bench/api_throughput.py

## A fleet of 1,000 school displays at their default intervals: load, CPU, writes, alert delay (saved in admin and
## posted as signed CAP).
bench-fleet: $(VENV)/.dev services
	$(PY) bench/fleet.py

## Webhook delivery latency, save to receiver (p50/p99), with 10 endpoints and 1,000 publishes.
bench-webhooks: $(VENV)/.dev services
	$(PY) bench/webhooks.py

## SQL queries and time for a sync answer of 10, 100 and 500 changes: constant in the number of changes.
bench-sync: $(VENV)/.dev services
	$(PY) bench/sync_queries.py

## What operating costs: export and import of 10,000 stories (time, peak memory) against 100, /readyz when healthy,
## and counting a request for /metrics against the request itself.
bench-ops: $(VENV)/.dev services
	$(PY) bench/operations.py

## Lighthouse's performance and accessibility scores for every page type of the public site, English and Spanish,
## beside static copies of the same pages (Debian's Chromium; Lighthouse from bench/lighthouse/package-lock.json).
bench-site: $(VENV)/.dev
	npm ci --prefix bench/lighthouse --ignore-scripts --no-audit --no-fund
	$(PY) bench/site.py

## Every production-profile benchmark above, briefly at small sizes (BENCH_SMOKE=1): each runs, prints its figures
## and asserts no target, for CI. bench-sync first, which leaves the migrated schema for the others to restore
## (bench/migrated.py); then the other three at once, each printing when it ends (about three minutes in all on two
## cores); then bench-ops, and bench-site with one page audited by Lighthouse (from npm) in Chromium.
bench-smoke:
	BENCH_SMOKE=1 $(MAKE) --no-print-directory bench-sync
	BENCH_SMOKE=1 $(MAKE) --no-print-directory --jobs=3 --output-sync=target bench-webhooks bench-fleet bench-api
	BENCH_SMOKE=1 $(MAKE) --no-print-directory bench-ops
	BENCH_SMOKE=1 $(MAKE) --no-print-directory bench-site
