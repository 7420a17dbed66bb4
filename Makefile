# The two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_NO_PROGRESS := 1

.PHONY: help install install-test-tools demo serve serve-prod test test-fast lint format messages bench bench-alerts clean

help:
	@echo "make demo        install, migrate, load the demo content, serve on 127.0.0.1:\$$PORT (default 8000)"
	@echo "make test        install, start PostgreSQL and Redis, run the whole suite (SQLite, PostgreSQL, Chromium)"
	@echo "make test-fast   the suite on SQLite, without what needs PostgreSQL, Redis, ClamAV, Java or Chromium"
	@echo "make lint        ruff, djhtml, Django checks, the translation catalogues"
	@echo "make messages    extract the interface's messages into locale/, compile them"
	@echo "make serve-prod  the production stack on this machine (PostgreSQL, S3, gunicorn, a worker)"

## Python dependencies, pinned by uv.lock, in .venv
install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml uv.lock scripts/bootstrap.sh
	@scripts/bootstrap.sh python
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==0.13.8
	@$(BIN)/uv sync --frozen --inexact --quiet
	@touch $@

## What the tests need beyond Python: Chromium, PostgreSQL, Java, axe-core and the HTML checker
install-test-tools: install
	@scripts/bootstrap.sh test
	@test -f node_modules/.package-lock.json -a node_modules/.package-lock.json -nt package-lock.json \
		|| npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

## The demo's address: where it is served (PORT), unless BASE_URL names the public
## one. Links in e-mails, share links, the sitemap and the feed all give it.
DEMO_ENV = BASE_URL='$(or $(BASE_URL),http://127.0.0.1:$(PORT))'

demo: install
	@$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput
	@$(DEMO_ENV) $(BIN)/python manage.py prepare_demo
	@$(DEMO_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-test-tools
	@scripts/run-tests.sh

## The production settings and services on loopback, for a look (scripts/serve-prod.sh)
serve-prod: install
	@scripts/bootstrap.sh prod
	@scripts/serve-prod.sh

## No services, no Java, no browser: the tests marked postgres, redis, clamav, html_checker
## (the Nu HTML Checker) and e2e are left to `make test`
test-fast: install
	@env -u DATABASE_URL -u TEST_REDIS_URL -u TEST_CLAMD_SOCKET $(BIN)/pytest -q \
		-m "not postgres and not redis and not clamav and not html_checker and not e2e"

lint: install
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .
	@$(BIN)/djhtml --check templates
	@$(BIN)/lint-imports --no-cache
	@DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check
	@DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	@$(BIN)/python scripts/check_translations.py

format: install
	@$(BIN)/ruff check --fix .
	@$(BIN)/ruff format .
	@$(BIN)/djhtml templates

## A benchmark, never part of `make test`: 10 000 offers in a throw-away PostgreSQL,
## Redis as the cache, gunicorn with 2 workers, wrk on loopback; each page cached,
## uncached (a logged-in candidate) and against a hello-world view (docs/benchmarks.md)
bench: install
	@bench/run.sh
	@$(MAKE) --no-print-directory bench-alerts

## Job alerts: 100 000 alerts in a throw-away PostgreSQL, one offer published, its
## e-mails to an SMTP sink on loopback (see docs/benchmarks.md)
bench-alerts: install
	@$(BIN)/python bench/alerts_bench.py

## The catalogues under locale/ (needs gettext): new messages arrive untranslated,
## for a translator to fill in (locale/README.md); the compiled .mo files are committed,
## so that `make demo` speaks every language without gettext.
messages: install
	@DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemessages --all \
		--ignore=.venv --ignore=node_modules --ignore=var --ignore=tests
	@DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py compilemessages \
		--ignore=.venv --ignore=node_modules --ignore=var

clean:
	rm -rf $(VENV) node_modules var
