#!/usr/bin/env bash
# README command 2: set up and run every test: SQL lint, dbt build (models,
# data tests, unit tests) on a scratch warehouse, then the Python test suite.
# The lint runs in the background while dbt builds and pytest runs (2 cores) and is
# reported at the end; this build is the suite's one run of the unit tests (the
# Python scenario builds leave them out).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
SCRATCH="$(mktemp -d)"
LINT_PID=""
CHROMIUM_PID=""
cleanup() {
    if [ -n "$LINT_PID" ]; then kill "$LINT_PID" 2>/dev/null || true; fi
    if [ -n "$CHROMIUM_PID" ]; then kill "$CHROMIUM_PID" 2>/dev/null || true; fi
    rm -rf "$SCRATCH"
}
trap cleanup EXIT
export FUND_FEES_DB="$SCRATCH/fund_fees_test.duckdb"
echo "== sqlfluff lint (dbt templater), in the background: its result comes at the end"
# its own warehouse file and target folder: a DuckDB file open in the build blocks any other process
(FUND_FEES_DB="$SCRATCH/lint.duckdb" DBT_TARGET_PATH="$SCRATCH/lint_target" \
    sqlfluff lint models tests analyses macros > "$SCRATCH/lint.log" 2>&1) &
LINT_PID=$!
# The fee report's browser test needs Debian's chromium and chromium-driver: installed from
# the Debian registry when missing, in the background while dbt builds (pytest waits for it;
# the test skips, saying so, where the install fails).
if ! command -v chromium >/dev/null 2>&1; then
    echo "== installing chromium and chromium-driver (apt-get), in the background, for the fee report's browser test"
    SUDO=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo -n"
    ( ($SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver) \
        || echo "   could not install chromium: the browser test will be skipped" ) > "$SCRATCH/chromium.log" 2>&1 &
    CHROMIUM_PID=$!
fi
echo "== dbt build (seeds, models, data tests, unit tests)"
dbt build
if [ -f ../shared/tools/check_contract.py ]; then
    echo "== contract check (../shared/tools/check_contract.py)"
    python ../shared/tools/check_contract.py "$FUND_FEES_DB"
fi
if [ -n "$CHROMIUM_PID" ]; then
    wait "$CHROMIUM_PID" || true
    CHROMIUM_PID=""
    cat "$SCRATCH/chromium.log"
fi
echo "== pytest (the slow builds run two at a time in the background: conftest.background_dbt)"
PYTEST_STATUS=0
python -m pytest python_tests "$@" || PYTEST_STATUS=$?
echo "== sqlfluff lint result"
LINT_STATUS=0
wait "$LINT_PID" || LINT_STATUS=$?
LINT_PID=""
cat "$SCRATCH/lint.log"
[ "$LINT_STATUS" -eq 0 ] || echo "sqlfluff lint failed ($LINT_STATUS)"
[ "$PYTEST_STATUS" -eq 0 ] || echo "pytest failed ($PYTEST_STATUS)"
[ "$LINT_STATUS" -eq 0 ] && [ "$PYTEST_STATUS" -eq 0 ]
