"""The project's conventions, checked on dbt's manifest.

The project is checked from outside with dbt-project-evaluator's default rules
(naming prefixes, model directories, primary-key tests, documentation coverage,
contracts on public models, DAG shape). That package comes from the dbt hub,
which these machines cannot reach, so this module applies the same rules to
target/manifest.json, to find a finding here first. Each test names the
evaluator rule it mirrors.
"""
from __future__ import annotations

import json
import os
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PREFIXES = {"staging": ("stg_",), "intermediate": ("int_",), "marts": ("fct_", "dim_", "rpt_")}


@pytest.fixture(scope="module")
def manifest() -> dict:
    env = dict(os.environ, DBT_PROFILES_DIR=str(ROOT), DBT_SEND_ANONYMOUS_USAGE_STATS="false")
    dbt = ROOT / ".venv" / "bin" / "dbt"
    subprocess.run([str(dbt) if dbt.exists() else "dbt", "parse", "--quiet"], cwd=ROOT, env=env, check=True)
    return json.loads((ROOT / "target" / "manifest.json").read_text())


def project_nodes(manifest: dict, resource_type: str) -> list[dict]:
    return [n for n in manifest["nodes"].values()
            if n["resource_type"] == resource_type and n["package_name"] == "fund_fees"]


def layer(model: dict) -> str:
    return Path(model["original_file_path"]).parts[1]


def test_models_live_in_a_layer_directory_with_its_prefix(manifest):
    """fct_model_directories, fct_model_naming_conventions, fct_root_models."""
    wrong = []
    for model in project_nodes(manifest, "model"):
        parts = Path(model["original_file_path"]).parts
        if len(parts) < 3 or parts[1] not in PREFIXES:
            wrong.append(f"{model['name']}: not under models/staging|intermediate|marts/<folder>/")
        elif not model["name"].startswith(PREFIXES[parts[1]]):
            wrong.append(f"{model['name']}: in {parts[1]}/ but not named {PREFIXES[parts[1]]}")
    assert not wrong, "\n".join(wrong)


def test_every_model_and_seed_is_documented(manifest):
    """fct_undocumented_models, fct_documentation_coverage (100 %); seeds as sources."""
    missing = []
    for node in project_nodes(manifest, "model") + project_nodes(manifest, "seed"):
        if not node["description"].strip():
            missing.append(f"{node['name']}: no description")
        for column in node["columns"].values():
            if not column["description"].strip():
                missing.append(f"{node['name']}.{column['name']}: no description")
    assert not missing, "\n".join(missing)


def test_every_model_has_a_primary_key_test(manifest):
    """fct_missing_primary_key_tests: unique and not_null on the same column, or a composite
    natural key tested as a combination (the project's unique_combination test, which also
    rejects nulls in the key)."""
    tests_by_model = defaultdict(lambda: defaultdict(set))
    combination_keyed = set()
    for test in project_nodes(manifest, "test"):
        meta = test.get("test_metadata") or {}
        if meta.get("name") in ("unique", "not_null") and test.get("column_name"):
            model_id = test["attached_node"]
            tests_by_model[model_id][test["column_name"]].add(meta["name"])
        if meta.get("name") == "unique_combination" and (meta.get("kwargs") or {}).get("columns"):
            combination_keyed.add(test["attached_node"])
    missing = [model["name"] for model in project_nodes(manifest, "model")
               if model["unique_id"] not in combination_keyed
               and not any(kinds == {"unique", "not_null"}
                           for kinds in tests_by_model[model["unique_id"]].values())]
    assert not missing, f"models without a primary key test (unique + not_null column, or unique_combination): {missing}"


def test_every_model_is_tested(manifest):
    """fct_test_coverage (100 %)."""
    tested = {test.get("attached_node") for test in project_nodes(manifest, "test")}
    tested |= {dep for test in project_nodes(manifest, "test") for dep in test["depends_on"]["nodes"]}
    untested = [m["name"] for m in project_nodes(manifest, "model") if m["unique_id"] not in tested]
    assert not untested, untested


def test_public_models_are_marts_with_enforced_contracts_and_typed_columns(manifest):
    """fct_public_models_without_contract, fct_undocumented_public_models."""
    problems = []
    for model in project_nodes(manifest, "model"):
        is_mart = layer(model) == "marts"
        if (model.get("access") == "public") != is_mart:
            problems.append(f"{model['name']}: access {model.get('access')} (marts, and only marts, are public)")
        if is_mart:
            if not model["config"]["contract"]["enforced"]:
                problems.append(f"{model['name']}: contract not enforced")
            untyped = [c for c, spec in model["columns"].items() if not spec.get("data_type")]
            if untyped:
                problems.append(f"{model['name']}: columns without data_type {untyped}")
    assert not problems, "\n".join(problems)


def test_layers_depend_in_one_direction(manifest):
    """fct_staging_dependent_on_staging, fct_staging_dependent_on_marts_or_intermediate,
    fct_direct_join_to_source (here: seeds are referenced from staging only),
    fct_intermediate_dependent_on_marts."""
    nodes = manifest["nodes"]
    problems = []
    for model in project_nodes(manifest, "model"):
        for parent_id in model["depends_on"]["nodes"]:
            parent = nodes.get(parent_id)
            if parent is None:
                continue
            if parent["resource_type"] == "seed" and layer(model) != "staging":
                problems.append(f"{model['name']} refs seed {parent['name']}: only staging reads seeds")
            if parent["resource_type"] == "model":
                if layer(model) == "staging":
                    problems.append(f"staging {model['name']} depends on model {parent['name']}")
                if layer(model) == "intermediate" and layer(parent) == "marts":
                    problems.append(f"intermediate {model['name']} depends on mart {parent['name']}")
    assert not problems, "\n".join(problems)


def test_dag_shape(manifest):
    """fct_too_many_joins (7 or more parents), fct_rejoining_of_upstream_concepts,
    fct_chained_views_dependencies (more than 4 views in a chain)."""
    models = {m["unique_id"]: m for m in project_nodes(manifest, "model")}
    parents = {uid: [p for p in m["depends_on"]["nodes"] if p in models] for uid, m in models.items()}
    children = defaultdict(set)
    for uid, ps in parents.items():
        for p in ps:
            children[p].add(uid)
    problems = []
    for uid, ps in parents.items():
        if len(models[uid]["depends_on"]["nodes"]) >= 7:
            problems.append(f"{models[uid]['name']}: {len(models[uid]['depends_on']['nodes'])} parents")
        # rejoin: parent A of this model is also a parent of B, B's only child is this model
        for b in ps:
            if children[b] == {uid}:
                for a in parents[b]:
                    if a in ps:
                        problems.append(f"{models[uid]['name']} rejoins {models[a]['name']} through "
                                        f"{models[b]['name']} (whose only child it is)")

    def view_chain(uid: str) -> int:
        if models[uid]["config"]["materialized"] not in ("view", "ephemeral"):
            return 0
        return 1 + max((view_chain(p) for p in parents[uid]), default=0)

    problems += [f"{models[u]['name']}: {view_chain(u)} views chained" for u in models if view_chain(u) > 4]
    assert not problems, "\n".join(problems)
