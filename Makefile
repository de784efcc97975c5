# Two commands: `make run` serves the site, `make test` runs the tests.
PYTHON ?= python3
# `make run PORT=8123` serves on another port (8000 may be taken by another server).
HOST ?= 127.0.0.1
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
# The runtime (requirements.txt) and, on top, tests and tools (requirements-dev.txt), each installed once
# per version of its file.
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: run test setup install migrate seed lint format check clean serve-prod

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@rm -f $(VENV)/.installed-[0-9]*
	@touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@rm -f $(VENV)/.installed-dev-*
	@touch $(DEV_STAMP)

# Browser-test tools (axe-core); skipped where npm is missing, the browser tests then skip too.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: browser accessibility checks will be skipped"; fi

# What the site needs to run, nothing more (make run, make serve-prod).
install: $(STAMP)

# Everything for development: the runtime, tests and tools, and the browser-test tools.
setup: $(STAMP) $(DEV_STAMP) node_modules/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)} $(BIN)/python manage.py seed_demo

# The site, and next to it what it needs (Procfile.dev, run by honcho, stopped together with Ctrl-C):
# without STRIPE_SECRET_KEY, localstripe on a free local port with test keys and the test-card path;
# with REDIS_URL, a Celery worker and beat. With real Stripe keys no localstripe is started.
# Links in emails (the order's page, password resets) point at this server unless SITE_URL says otherwise.
run: seed
	@export RUN_ADDRESS=$(HOST):$(PORT) SITE_URL=$${SITE_URL:-http://$(HOST):$(PORT)}; processes=web; \
	if [ -z "$$STRIPE_SECRET_KEY" ]; then \
	  export LOCALSTRIPE_PORT=$$($(BIN)/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'); \
	  export LOCALSTRIPE_STATE=.localstripe.pickle STRIPE_API_BASE=http://127.0.0.1:$$LOCALSTRIPE_PORT; \
	  export STRIPE_SECRET_KEY=sk_test_localstripe STRIPE_PUBLISHABLE_KEY=pk_test_localstripe; \
	  export STRIPE_WEBHOOK_SECRET=whsec_localstripe SHOP_TEST_PAYMENTS=true; \
	  processes="$$processes stripe"; \
	  echo "Payments: localstripe on $$STRIPE_API_BASE, pay with the test card (no real money)"; \
	fi; \
	if [ -n "$$REDIS_URL" ]; then processes="$$processes worker beat"; fi; \
	exec $(BIN)/honcho --env /dev/null -f Procfile.dev start $$processes

# Production: DEBUG off, SECRET_KEY and ALLOWED_HOSTS from the environment (docs/operations.md).
# Collects static files, migrates, then serves with gunicorn on $(BIND): WEB_CONCURRENCY processes of
# WEB_THREADS threads each (1: sync workers, which served more requests and votes per second than 4 threads
# on 2 cores in benchmarks/load.py; more threads pay off where the database is on another machine).
BIND ?= 127.0.0.1:8000
WEB_CONCURRENCY ?= 2
WEB_THREADS ?= 1
serve-prod: install
	DEBUG=false $(BIN)/python manage.py check --deploy
	DEBUG=false $(BIN)/python manage.py collectstatic --noinput -v 1
	DEBUG=false $(BIN)/python manage.py migrate --noinput
	DEBUG=false $(BIN)/gunicorn config.wsgi:application --bind $(BIND) --workers $(WEB_CONCURRENCY) \
		--worker-class $$([ "$(WEB_THREADS)" -gt 1 ] && echo gthread || echo sync) --threads $(WEB_THREADS) \
		--access-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
