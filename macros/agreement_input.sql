{#
    The relation an agreement staging model reads its rows from (its import CTE).

    var agreement_data_path null (the default): the transcription seed, ref(name).
    var agreement_data_path set to a folder: <folder>/<name>.csv, read by the warehouse
    directly (never through `dbt seed`), with the column types of the seed's
    column_types in seeds/agreements/_agreements__seeds.yml. The folder REPLACES
    seeds/agreements/ as a whole: it must hold all fourteen files with the seeds'
    columns (bench/generate.py writes such a folder: the actual transcription rows plus
    a synthetic universe). Used by the benchmark and by tests that need other
    agreements; the seeds themselves stay untouched.
#}
{% macro agreement_input(name) -%}
    {{ return(adapter.dispatch('agreement_input', 'fund_fees')(name)) }}
{%- endmacro %}

{#- The seed's column_types (from the manifest; empty while dbt parses). -#}
{% macro agreement_input_column_types(name) -%}
    {%- set types = {} -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values() -%}
            {%- if node.resource_type == 'seed' and node.package_name == 'fund_fees' and node.name == name -%}
                {%- do types.update(node.config.column_types) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if not types -%}
            {{ exceptions.raise_compiler_error(
                "agreement_input('" ~ name ~ "'): no seed '" ~ name ~ "' with column_types in seeds/agreements"
            ) }}
        {%- endif -%}
    {%- endif -%}
    {{ return(types) }}
{%- endmacro %}

{% macro default__agreement_input(name) -%}
    {%- set folder = var('agreement_data_path', none) -%}
    {%- if folder is none -%}
        {{ ref(name) }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "var agreement_data_path is not implemented for adapter " ~ adapter.type()
            ~ ": add a " ~ adapter.type() ~ "__agreement_input macro (macros/agreement_input.sql)"
        ) }}
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__agreement_input(name) -%}
    {%- set folder = var('agreement_data_path', none) -%}
    {%- if folder is none -%}
        {{ ref(name) }}
    {%- else -%}
        {%- set types = fund_fees.agreement_input_column_types(name) -%}
        {%- set path = folder.rstrip('/') ~ '/' ~ name ~ '.csv' -%}
        read_csv(
            '{{ path }}',
            header = true,
            auto_detect = true,
            types = {
                {%- for column, column_type in types.items() %}
                '{{ column }}': '{{ column_type | upper }}'{{ ',' if not loop.last }}
                {%- endfor %}
            }
        )
    {%- endif -%}
{%- endmacro %}
