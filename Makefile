# Two commands: `make run` serves the site, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)

.PHONY: run test setup migrate seed lint format check clean serve-prod

$(STAMP): requirements.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

# Browser-test tools (axe-core); skipped where npm is missing, the browser tests then skip too.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: browser accessibility checks will be skipped"; fi

setup: $(STAMP) node_modules/.installed

migrate: setup
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

run: seed
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Production: DEBUG off, SECRET_KEY and ALLOWED_HOSTS from the environment (docs/operations.md).
# Collects static files, migrates, then serves with gunicorn on $(BIND).
BIND ?= 127.0.0.1:8000
WEB_CONCURRENCY ?= 2
serve-prod: setup
	DEBUG=false $(BIN)/python manage.py check --deploy
	DEBUG=false $(BIN)/python manage.py collectstatic --noinput -v 1
	DEBUG=false $(BIN)/python manage.py migrate --noinput
	DEBUG=false $(BIN)/gunicorn config.wsgi:application --bind $(BIND) --workers $(WEB_CONCURRENCY) \
		--access-logfile - --forwarded-allow-ips "$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: setup
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
