# NETBIOCLUE portal: `make run` serves it with demo data, `make test` lints and tests it.
# Each recipe runs as one bash script with -e: any failing line fails the target.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
CELERY := $(VENV)/bin/celery -A netbioclue
RUFF := $(VENV)/bin/ruff
ADDRESS ?= 127.0.0.1:8000
LANGUAGES := fr de sv da cs hu
# Two workers (pytest-xdist): the suite is mostly waiting on PostgreSQL and the browser.
PYTEST_ARGS ?= -n 2

# Finds the database (scripts/devdb.py: $DATABASE_URL, the server on 127.0.0.1:5432, or a
# project-local cluster) and exports it for the rest of the recipe.
define use_database
DATABASE_URL="$$($(PY) scripts/devdb.py)"
export DATABASE_URL
endef

# Compiled translations are not committed; msgfmt comes with Debian's gettext.
define compile_messages
if command -v msgfmt >/dev/null \
	&& { compgen -G 'locale/*/LC_MESSAGES/*.po' || compgen -G '*/locale/*/LC_MESSAGES/*.po'; } >/dev/null; then
	$(MANAGE) compilemessages --ignore=.venv --ignore=.local --verbosity 0
fi
endef

.PHONY: help venv run test lint fmt migrate seed bench clean worker messages db

help:
	@cat <<-'EOF'
	make run       set up everything, load the demo data, serve http://127.0.0.1:8000
	               (ADDRESS=0.0.0.0:8001 to serve elsewhere; links follow, see SITE_URL)
	make test      lint, migration check and the whole test suite (PYTEST_ARGS=...)
	make lint      ruff check and ruff format --check
	make fmt       ruff check --fix and ruff format
	make migrate   apply migrations (and create the database cache table)
	make seed      load the demo data (idempotent)
	make worker    a Celery worker (needs REDIS_URL)
	make messages  extract and compile translations ($(LANGUAGES))
	make bench     run the benchmarks
	make db        print the database URL the other targets use
	make clean     remove .venv and .local (including the local database cluster)
	EOF

# Creates or updates .venv from uv.lock (bootstraps uv and finds Python 3.12+).
venv:
	@scripts/venv.sh

run: venv
	@scripts/system-deps.sh run
	$(use_database)
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	$(compile_messages)
	# Links in e-mails and on the PDF cover point where this server listens (the worker
	# below inherits it), unless SITE_URL is set.
	SITE_URL="$$($(PY) scripts/site_url.py '$(ADDRESS)')"
	export SITE_URL
	echo "Serving $$SITE_URL"
	if [ -z "$${REDIS_URL:-}" ]; then
		exec $(MANAGE) runserver $(ADDRESS)
	fi
	# With a broker, tasks leave the web process: a worker runs them until we stop.
	$(CELERY) worker -l info &
	worker=$$!
	trap 'kill $$worker 2>/dev/null || true; wait $$worker 2>/dev/null || true' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	$(MANAGE) runserver $(ADDRESS)

test: venv
	@scripts/system-deps.sh test
	# Tests marked `redis` use TEST_REDIS_URL; REDIS_URL itself would switch the whole
	# project (cache, Celery) to Redis, so it stays unset for the test run.
	unset REDIS_URL
	echo "==> ruff"
	$(RUFF) check .
	$(RUFF) format --check .
	$(use_database)
	echo "==> makemigrations --check"
	$(MANAGE) makemigrations --check --dry-run
	$(compile_messages)
	if [ -z "$${TEST_REDIS_URL:-}" ] && timeout 2 bash -c \
		'exec 3<>/dev/tcp/127.0.0.1/6379 && printf "PING\r\n" >&3 && read -r reply <&3 && [[ $$reply == +PONG* ]]' \
		2>/dev/null; then
		export TEST_REDIS_URL=redis://127.0.0.1:6379/15
	fi
	echo "==> pytest"
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: venv
	@$(RUFF) check .
	$(RUFF) format --check .

fmt: venv
	@$(RUFF) check --fix .
	$(RUFF) format .

migrate: venv
	@$(use_database)
	$(MANAGE) migrate --no-input

seed: venv
	@$(use_database)
	$(MANAGE) seed_demo

worker: venv
	@if [ -z "$${REDIS_URL:-}" ]; then
		echo "REDIS_URL is not set: tasks run inside the web process, no worker is needed." >&2
		exit 1
	fi
	$(use_database)
	exec $(CELERY) worker -l info

messages: venv
	@if ! command -v xgettext >/dev/null || ! command -v msgfmt >/dev/null; then
		echo "makemessages needs gettext: sudo apt-get install gettext" >&2
		exit 1
	fi
	mkdir -p locale
	$(MANAGE) makemessages $(addprefix --locale=,$(LANGUAGES)) \
		--ignore=.venv --ignore=.local --ignore=tests --ignore=bench
	$(MANAGE) compilemessages --ignore=.venv --ignore=.local

bench: venv
	@if [ ! -f bench/run.py ]; then
		echo "No benchmark exists yet (bench/run.py)." >&2
		exit 1
	fi
	$(use_database)
	$(PY) bench/run.py

db: venv
	@$(PY) scripts/devdb.py

# The local cluster is stopped first: deleting the files of a running server leaves it
# running, holding the port.
clean:
	@if [ -e .local/postgres ]; then
		python="$(PY)"
		[ -x "$$python" ] || python=python3
		"$$python" scripts/devdb.py remove || true
	fi
	rm -rf $(VENV) .local
