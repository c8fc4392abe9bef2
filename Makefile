# Two commands set everything up on a fresh machine:
#   make run   - install, build, migrate SQLite, load the demo council, serve on 127.0.0.1:8000
#   make test  - install test tools (and Chromium), lint, check, and run the whole suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format frontend migrate demo serve chromium checks clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMPS)/python-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/python-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	@mkdir -p $(STAMPS) && touch $@ $(STAMPS)/python-run

$(STAMPS)/npm: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p $(STAMPS) && touch $@

frontend: $(STAMPS)/npm
	npm run --silent build

# --- make run ---------------------------------------------------------------

run: $(STAMPS)/python-run frontend migrate demo serve

migrate: $(STAMPS)/python-run
	$(BIN)/python manage.py migrate --noinput

demo: $(STAMPS)/python-run
	$(BIN)/python manage.py load_demo

# The site and a background-task worker together; Ctrl+C stops both.
serve: $(STAMPS)/python-run
	@echo "Serving http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/) with a task worker. Ctrl+C stops both."
	@$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# --- make test --------------------------------------------------------------

chromium:
	@test -x /usr/bin/chromium || { echo "Installing Chromium from Debian's packages"; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get update -q && \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -q chromium; }

lint: $(STAMPS)/python-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMPS)/python-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

checks: $(STAMPS)/python-dev
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

test: $(STAMPS)/python-dev frontend chromium lint checks
	$(BIN)/pytest -n 2

clean:
	rm -rf $(STAMPS) frontend/build var
