# Samverkansportalen: `make run` starts the portal with demo data, `make test` runs every gate.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
PORT ?= 8000
STAMP := $(VENV)/.installed
export SSL_CERT_FILE ?= /etc/ssl/certs/ca-certificates.crt
# Compiled modules (pytest's rewritten tests and plugins too) are kept outside the tree and reused:
# under PYTHONDONTWRITEBYTECODE every process, test workers included, compiled them again (~1.6 s).
export PYTHONPYCACHEPREFIX ?= $(or $(TMPDIR),/tmp)/samverkan-pycache
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install install-oidc run demo test test-postgres test-browser lint bench bench-county bench-relevance clean

install: $(STAMP)

$(STAMP): pyproject.toml uv.lock
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@test -x $(UV) || $(VENV)/bin/pip install --quiet "uv==0.13.9"
	$(UV) sync --frozen --inexact --all-extras --compile-bytecode --python $(PY)
	@touch $(STAMP)

# The SSO tests run two real OpenID providers (node-oidc-provider, Node 20 + npm) from tests/oidc.
OIDC_STAMP := tests/oidc/node_modules/.package-lock.json
install-oidc: $(OIDC_STAMP)

$(OIDC_STAMP): tests/oidc/package.json tests/oidc/package-lock.json
	@command -v npm >/dev/null || { echo "Node.js 20 and npm are required for the SSO tests"; exit 1; }
	cd tests/oidc && npm ci --no-audit --no-fund

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo --url http://127.0.0.1:$(PORT)/

run: install
	@scripts/check_port.sh $(PORT)
	@$(MAKE) --no-print-directory demo PORT=$(PORT)
	@echo "Samverkansportalen: http://127.0.0.1:$(PORT)/"
	$(PY) manage.py runserver 127.0.0.1:$(PORT) --noreload

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run

test: lint install-oidc
	scripts/run_tests.sh

test-postgres: install install-oidc
	scripts/with_postgres.sh $(VENV)/bin/pytest -q -m "not browser" -n auto --dist loadgroup

test-browser: install install-oidc
	scripts/install_debian.sh chromium
	$(VENV)/bin/pytest -q -m browser tests/e2e

# Both write var/bench/: relevance.json, then results.json (20,000 people) or results-county.json.
bench: bench-relevance
	$(PY) -m benchmarks.performance

bench-county: bench-relevance
	$(PY) -m benchmarks.performance --county

bench-relevance: install
	$(PY) -m benchmarks.relevance

clean:
	rm -rf $(VENV) var
