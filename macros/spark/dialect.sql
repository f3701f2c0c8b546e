{#
    Spark (spark__) versions of the project's dispatched macros, and the portable
    helpers that models use where DuckDB and Spark SQL differ. Each one gives the
    same value as the DuckDB version (python_tests/test_spark_matches_duckdb.py
    compares every mart row by row).
#}

{# Cents: round() is half up (away from zero) on Spark decimals, bround() half even. #}
{% macro spark__round_money(amount, mode) -%}
    cast(
        case
            when ({{ mode }}) = 'half_even' then bround({{ amount }}, 2)
            else round({{ amount }}, 2)
        end
        as decimal(38, 2)
    )
{%- endmacro %}

{# One row per integer. Spark's sequence() takes integers only; DuckDB's cast of a
   fractional bound rounds to the nearest integer, so the bounds are rounded here too. #}
{% macro spark__expand_integers(first_value, last_value) -%}
    explode(sequence(cast(round({{ first_value }}) as bigint), cast(round({{ last_value }}) as bigint)))
{%- endmacro %}

{% macro spark__expand_days(start_date, end_date) -%}
    explode(sequence(cast({{ start_date }} as date), cast({{ end_date }} as date), interval 1 day))
{%- endmacro %}

{% macro spark__iso_day_of_week(date_expr) -%}
    extract(dow_iso from {{ date_expr }})
{%- endmacro %}

{#
    Net-asset file on Spark, every cell as text (like DuckDB's all_varchar read, so that a
    bad cell is a row the validation tests name), with the file each row comes from
    (source_file). Parquet: columns by name. CSV: read with its header (Spark SQL's
    csv.`path` would read the header as data), through an external table over the file,
    created when the model runs; Spark reads the columns in the order fund_id, as_of_date,
    net_assets_usd, and checks the header's names against them (enforceSchema false), so a
    file with other columns stops the build.
#}
{% macro spark__read_net_assets_file(path) -%}
    {%- if path.lower().endswith('.parquet') -%}
        (select *, input_file_name() as source_file from parquet.`{{ path }}`)
    {%- else -%}
        {%- set relation = api.Relation.create(schema=generate_schema_name('seeds', none), identifier='net_assets_file') -%}
        {%- if execute -%}
            {%- call statement('net_assets_file_drop') -%}drop table if exists {{ relation }}{%- endcall -%}
            {%- call statement('net_assets_file_create') -%}
                create table {{ relation }} (fund_id string, as_of_date string, net_assets_usd string)
                using csv
                options (path '{{ path }}', header 'true', enforceSchema 'false', mode 'FAILFAST')
            {%- endcall -%}
        {%- endif -%}
        (select *, input_file_name() as source_file from {{ relation }})
    {%- endif -%}
{%- endmacro %}

{#
    last non-null value of an ordered window frame, followed by `over (...)`:
    DuckDB writes `last_value(x ignore nulls)`, Spark `last(x, true)`.
#}
{% macro last_value_ignore_nulls(expression) -%}
    {{ return(adapter.dispatch('last_value_ignore_nulls', 'fund_fees')(expression)) }}
{%- endmacro %}

{% macro default__last_value_ignore_nulls(expression) -%}
    last_value({{ expression }} ignore nulls)
{%- endmacro %}

{% macro spark__last_value_ignore_nulls(expression) -%}
    last({{ expression }}, true)
{%- endmacro %}

{#
    A date as a day number (days since 1970-01-01), for RANGE window frames counted
    in days: Spark accepts no interval frame over a date, both engines accept
    `range between 1 following and ...` over an integer.
#}
{% macro day_number(date_expr) -%}
    {{ dbt.datediff("cast('1970-01-01' as date)", date_expr, 'day') }}
{%- endmacro %}

{#
    Materialization of the incremental models (int_fund_days_carried_forward, the daily
    accruals and the models they feed, fct_fee_curves), named in their config: incremental
    with delete+insert (or append) where the adapter has it (DuckDB);
    a table rebuilt on every run on Spark, whose incremental strategies (append,
    insert_overwrite, merge on Delta only) cannot replace restated days of a parquet table.
#}
{% macro accrual_materialization() -%}
    {{ return(adapter.dispatch('accrual_materialization', 'fund_fees')()) }}
{%- endmacro %}

{% macro default__accrual_materialization() -%}
    {{ return('incremental') }}
{%- endmacro %}

{% macro spark__accrual_materialization() -%}
    {{ return('table') }}
{%- endmacro %}
