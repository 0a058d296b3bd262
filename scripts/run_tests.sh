#!/usr/bin/env bash
# Run the test suite on SQLite; with CI=true also on a throw-away PostgreSQL 15 and in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
pytest=.venv/bin/pytest
# One pytest-xdist worker per core; the demo-area tests share one worker (tests/conftest.py).
parallel=(-n auto --dist loadgroup)

if [ "${CI:-}" = "true" ]; then
  # The shared-cache tests need real cache servers, the browser suite Chromium (Debian's).
  scripts/install_debian.sh redis-server memcached chromium
fi

echo "== pytest on SQLite (browser suite separately below)"
$pytest -q -m "not browser" "${parallel[@]}"

if [ "${CI:-}" = "true" ]; then
  echo "== pytest on PostgreSQL 15"
  scripts/with_postgres.sh $pytest -q -m "not browser" "${parallel[@]}"
  echo "== browser suite in Chromium"
  $pytest -q -m browser tests/e2e
fi
