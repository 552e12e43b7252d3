#!/usr/bin/env bash
# The whole suite: lint, migrations check, then the tests on SQLite and on PostgreSQL (all but the
# browser tests, which run once, on SQLite).
# With CI=true the PostgreSQL run and the browser tests are required, never skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export HELUO_TEST_DATABASE_URL_PG="${HELUO_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/heluo}"

bash scripts/ensure_packages.sh test

echo "== lint (ruff, mypy)"
make --no-print-directory lint
echo "== migrations"
HELUO_DATA_DIR="$(mktemp -d)" $BIN/heluo makemigrations --check --dry-run
echo "== compiled translations"
$BIN/python scripts/check_messages.py

# The installations the tests run heluo over (tests/installations.py) are built once for both runs.
HELUO_TEST_BUILDS="$(mktemp -d)"
export HELUO_TEST_BUILDS
trap 'rm -rf "$HELUO_TEST_BUILDS"' EXIT

echo "== tests on SQLite"
env -u HELUO_TEST_DATABASE_URL $BIN/pytest -q -n 2 --dist loadgroup --durations=30 "$@"

if $BIN/python - "$HELUO_TEST_DATABASE_URL_PG" <<'PY'
import sys, psycopg
url = sys.argv[1].replace("postgres://", "postgresql://", 1)
try:
    psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
except Exception as error:
    print(f"PostgreSQL not reachable: {error}", file=sys.stderr)
    sys.exit(1)
PY
then
    echo "== tests on PostgreSQL (the browser tests ran on SQLite)"
    # The browser tests drive pages whose queries the rest of the suite runs on both databases; once is
    # enough for the browser.
    HELUO_TEST_DATABASE_URL="$HELUO_TEST_DATABASE_URL_PG" $BIN/pytest -q -n 2 --dist loadgroup --durations=30 \
        --ignore=tests/browser "$@"
elif [ "${CI:-}" = "true" ]; then
    echo "CI=true: the PostgreSQL run is required" >&2
    exit 1
else
    echo "== PostgreSQL not reachable: skipped the PostgreSQL run (required when CI=true)"
fi
