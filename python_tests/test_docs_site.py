"""The docs site: `dbt docs generate` on a scratch warehouse, and nothing undescribed.

Checks dbt's manifest and catalog: the overview page (`{% docs __overview__ %}`)
exists; every model, seed, column (as documented and as built, from the catalog),
macro (and each of its arguments), exposure, semantic model, measure and metric of the
project has a description; the fee report and the metrics are exposures.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import report_warehouse
from conftest import run_dbt_process

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> tuple[dict, dict]:
    db = report_warehouse.build(tmp_path_factory)
    target = tmp_path_factory.mktemp("docs_target")
    result = run_dbt_process([report_warehouse.dbt_executable(), "docs", "generate", "--quiet",
                              "--target-path", str(target)],
                             cwd=ROOT, env=report_warehouse.dbt_env(db))
    assert result.returncode == 0, f"dbt docs generate failed:\n{result.stdout}\n{result.stderr}"
    manifest = json.loads((target / "manifest.json").read_text())
    catalog = json.loads((target / "catalog.json").read_text())
    assert (target / "index.html").exists()
    return manifest, catalog


def ours(items: dict) -> list[dict]:
    return [n for n in items.values() if n.get("package_name") == "fund_fees"]


def test_overview_page(docs):
    manifest, _ = docs
    overview = manifest["docs"].get("doc.fund_fees.__overview__")
    assert overview and "fct_invoice_reconciliation" in overview["block_contents"]


def test_every_node_and_column_is_described(docs):
    manifest, catalog = docs
    missing = []
    for node in ours(manifest["nodes"]):
        if node["resource_type"] not in ("model", "seed", "snapshot"):
            continue
        kind = node["resource_type"]
        if not node["description"].strip():
            missing.append(f"{kind} {node['name']}")
        for column in node.get("columns", {}).values():
            if not column["description"].strip():
                missing.append(f"{kind} {node['name']}.{column['name']}")
        built = catalog["nodes"].get(node["unique_id"]) or catalog["sources"].get(node["unique_id"])
        if built:
            documented = {c.lower() for c in node.get("columns", {})}
            for column in built["columns"]:
                if column.lower() not in documented:
                    missing.append(f"{kind} {node['name']}.{column} (built, not in the YAML)")
    assert not missing, "undescribed:\n" + "\n".join(missing)


def test_every_macro_and_argument_is_described(docs):
    manifest, _ = docs
    missing = []
    for macro in ours(manifest["macros"]):
        if not macro["description"].strip():
            missing.append(f"macro {macro['name']} ({macro['original_file_path']})")
            continue
        described = {a["name"]: a.get("description", "").strip() for a in macro["arguments"]}
        for argument in signature_arguments(macro["macro_sql"]):
            if not described.get(argument):
                missing.append(f"macro {macro['name']}: argument {argument}")
    assert not missing, "macros/_macros.yml is missing:\n" + "\n".join(missing)


def signature_arguments(macro_sql: str) -> list[str]:
    header = macro_sql[macro_sql.index("(") + 1:]
    depth, names, current = 0, [], ""
    for char in header:
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        if char == "," and depth == 0:
            names.append(current)
            current = ""
        else:
            current += char
    names.append(current)
    return [n.split("=")[0].strip() for n in names if n.strip()]


def test_exposures_semantic_models_and_metrics_are_described(docs):
    manifest, _ = docs
    exposures = {e["name"]: e for e in ours(manifest["exposures"])}
    assert {"fee_report", "fee_metrics"} <= set(exposures)
    assert exposures["fee_report"]["type"] == "application"
    assert any(n.startswith("metric.") for n in exposures["fee_metrics"]["depends_on"]["nodes"])
    missing = [f"exposure {e['name']}" for e in exposures.values() if not e["description"].strip()]
    for semantic_model in ours(manifest["semantic_models"]):
        if not (semantic_model.get("description") or "").strip():
            missing.append(f"semantic model {semantic_model['name']}")
        for measure in semantic_model["measures"]:
            if not (measure.get("description") or "").strip():
                missing.append(f"measure {semantic_model['name']}.{measure['name']}")
    missing += [f"metric {m['name']}" for m in ours(manifest["metrics"]) if not m["description"].strip()]
    assert ours(manifest["metrics"]) and not missing, "\n".join(missing)
