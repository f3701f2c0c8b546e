#!/usr/bin/env bash
# Benchmark (not a test): time `dbt build` on a generated net-asset file.
#   bench/run_benchmark.sh [FUNDS] [YEARS]      (defaults: 58 funds, 10 years; 58 = all real funds)
# Generates bench/data/<funds>x<years>/net_assets.parquet (git-ignored), builds a
# scratch warehouse, and writes bench/results/<yyyy-mm-dd>.md (appends a section
# when run again the same day) with the timing and the slowest models.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"   # cds to the repo root
FUNDS="${1:-58}"
YEARS="${2:-10}"
DATA="bench/data/${FUNDS}x${YEARS}"
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
export FUND_FEES_DB="$SCRATCH/bench.duckdb"
export DBT_TARGET_PATH="$SCRATCH/target"   # keep the shared target/ untouched
export DBT_LOG_PATH="$SCRATCH/logs"

python bench/generate_net_assets.py --funds "$FUNDS" --years "$YEARS" --out "$DATA"
ROWS="$(python -c "import duckdb; c = duckdb.connect(); print(c.sql(\"select count(*) from read_parquet('$DATA/net_assets.parquet')\").fetchone()[0]); c.close()")"

START="$(date +%s.%N)"
STATUS=0
dbt build --vars "{net_assets_path: \"$ROOT/$DATA/net_assets.parquet\"}" > "$SCRATCH/build.log" 2>&1 || STATUS=$?
END="$(date +%s.%N)"
ELAPSED="$(python -c "print(f'{$END - $START:.1f}')")"
DB_SIZE="$(du -h "$FUND_FEES_DB" 2>/dev/null | cut -f1 || echo '?')"

RESULT="bench/results/$(date +%Y-%m-%d).md"
[ -f "$RESULT" ] || printf '# Benchmark results %s\n' "$(date +%Y-%m-%d)" > "$RESULT"
{
    printf '\n## %s funds x %s years (%s rows), %s\n\n' "$FUNDS" "$YEARS" "$ROWS" "$(date -u +%H:%M:%SZ)"
    printf -- '- machine: %s, %s CPUs, %s\n' "$(uname -sm)" "$(nproc)" \
        "$(free -h 2>/dev/null | awk '/Mem:/ {print $2 " RAM"}')"
    printf -- '- dbt-core %s, dbt-duckdb %s, duckdb %s, threads from profiles.yml\n' \
        "$(python -c 'import importlib.metadata as m; print(m.version("dbt-core"))')" \
        "$(python -c 'import importlib.metadata as m; print(m.version("dbt-duckdb"))')" \
        "$(python -c 'import duckdb; print(duckdb.__version__)')"
    printf -- '- `dbt build` (all seeds, models, data and unit tests): **%s s**, exit %s, warehouse %s\n' \
        "$ELAPSED" "$STATUS" "$DB_SIZE"
    printf -- '- %s\n\n' "$(grep -a 'Done. PASS' "$SCRATCH/build.log" | sed 's/\x1b\[[0-9;]*m//g' | sed 's/^.*Done\./Done./' || true)"
    printf '| slowest nodes | seconds |\n| --- | --- |\n'
    python - "$DBT_TARGET_PATH/run_results.json" <<'PY'
import json, sys
try:
    results = json.load(open(sys.argv[1]))["results"]
except (OSError, KeyError, ValueError):
    results = []
for r in sorted(results, key=lambda r: -r.get("execution_time", 0))[:10]:
    print(f"| {r['unique_id']} | {r.get('execution_time', 0):.2f} |")
PY
} >> "$RESULT"
echo "dbt build: ${ELAPSED}s (exit $STATUS); results in $RESULT"
[ "$STATUS" -eq 0 ] || tail -40 "$SCRATCH/build.log"
exit "$STATUS"
