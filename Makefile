# Two commands set up a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
FIXTURES := nato_azerbaijan notices pages
# `make run PORT=8080` when 8000 is taken.
PORT ?= 8000
# manage.py's checks run with the test settings too (pytest reads them from pyproject.toml).
TEST_ENV := DJANGO_SETTINGS_MODULE=tests.settings

.PHONY: run test lint install install-dev browser-deps clean messages

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

# The .mo files ship compiled (locale/); with gettext installed they are rebuilt from the .po
# files first, so an edited translation shows without a separate step.
messages: install
	@if command -v msgfmt >/dev/null 2>&1; then \
		DEBUG=true $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0; \
	else echo "NOTE: gettext is missing: using the shipped .mo files."; fi

run: install messages
	DEBUG=true $(PY) manage.py migrate --no-input
	DEBUG=true $(PY) manage.py setup_roles
	DEBUG=true $(PY) manage.py loaddata $(FIXTURES)
	DEBUG=true $(PY) manage.py rebuild_search_index
	DEBUG=true $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install-dev messages
	@# axe-core and the Nu checker (package.json) for the accessibility and HTML tests.
	@if ! command -v npm >/dev/null 2>&1; then \
		echo "NOTE: npm is missing, so axe-core and vnu-jar are not installed:" \
			"their tests will be SKIPPED (and fail where CI=true or REQUIRE_BROWSER=1)."; \
	elif [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		npm ci --no-audit --no-fund --loglevel=error; \
	fi
	$(TEST_ENV) $(PY) manage.py check
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(TEST_ENV) $(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
