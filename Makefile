# Two commands matter (see README.md): `make demo` and `make test`.
UV_VERSION := 0.13.9
# uv from PATH when there is one, otherwise the copy `install` puts in Python's packages.
UV ?= $(shell command -v uv 2>/dev/null || echo python3 -m uv)
RUN := $(UV) run --locked

.PHONY: help uv install messages demo test test-moved-clock lint system-packages bench-smoke

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

uv:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)"

install: uv  ## install the pinned Python packages into .venv and compile the translations
	$(UV) sync --locked --quiet
	@$(MAKE) --no-print-directory messages

# The Spanish interface text: locale/*/LC_MESSAGES/*.po, compiled to the .mo files Django
# reads (never committed). msgfmt comes with gettext and runs as `manage.py compilemessages`
# runs it, without starting Django; without gettext, polib does the same.
messages:  ## compile the message catalogues (locale/) after editing a .po file
	@if command -v msgfmt >/dev/null 2>&1; then \
		for po in locale/*/LC_MESSAGES/*.po; do msgfmt --check-format -o "$${po%.po}.mo" "$$po" || exit 1; done; \
	else \
		echo "messages: msgfmt (gettext) not found; compiling with polib"; \
		$(RUN) python -c 'import pathlib, polib; [polib.pofile(str(po)).save_as_mofile(str(po.with_suffix(".mo"))) for po in pathlib.Path("locale").glob("*/LC_MESSAGES/*.po")]'; \
	fi

demo: install node_modules/.installed  ## build the demo site on SQLite and serve it on 127.0.0.1:8000
	$(RUN) python manage.py migrate --noinput
	$(RUN) python manage.py load_demo_site
	$(RUN) python manage.py runserver 127.0.0.1:8000

# plotly.js for the charts (served as a static file) and axe-core for the browser tests.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

system-packages:  ## install chromium and PostgreSQL 15 with apt when missing (root only)
	.ci/system-packages

test: install system-packages node_modules/.installed  ## run every test, on SQLite and on PostgreSQL
	UV="$(UV)" .ci/test-all $(PYTEST_ARGS)

test-moved-clock: install system-packages node_modules/.installed  ## run every test with the clock 400 days ahead
	UV="$(UV)" .ci/test-moved-clock $(PYTEST_ARGS)

lint: install  ## ruff lint and format check, and who may import whom (import-linter)
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	UV="$(UV)" .ci/lint-imports

bench-smoke: install system-packages node_modules/.installed  ## run each benchmark once, quickly, figures not judged (root)
	.ci/bench-smoke
