#!/usr/bin/env bash
# Creates .venv-spark with the pinned requirements-spark.txt (once; again only when
# that file changes) and points dbt at the profile shipped here. Sourced by spark.sh.
# The Spark target needs Java 17 on PATH (pyspark starts a local JVM).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv-spark/bin/python ]; then
    "$PYTHON" -m venv .venv-spark
fi
STAMP=".venv-spark/.requirements.sha256"
WANT="$(sha256sum requirements-spark.txt | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
    .venv-spark/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv-spark/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-spark.txt
    echo "$WANT" > "$STAMP"
fi
export DBT_PROFILES_DIR="$ROOT"
export DBT_SEND_ANONYMOUS_USAGE_STATS=false
# Spark's warehouse and Derby metastore (profiles.yml, target spark): absolute, so
# that a run from any folder finds the same tables.
# local mode binds to the loopback address only
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
export FUND_FEES_SPARK_DIR="${FUND_FEES_SPARK_DIR:-$ROOT/.spark}"
mkdir -p "$FUND_FEES_SPARK_DIR"
