{#
    Seeds on Spark: every value written as a literal, exactly as in the CSV.

    dbt-spark's own loader binds each value as a quoted string through Python's
    `%` formatting: a blank cell becomes the string 'None' (not null), an
    apostrophe breaks the statement, and a number passes through a binary floating-point value (a rate
    of 0.0025 could load as 0.0025000000000000001). Here a blank cell is null,
    every other value is its CSV text (or agate's exact Decimal / date) in a
    Spark string literal (backslash and quote escaped), cast to the column's
    type from column_types (or the type inferred). With ANSI mode on, a value
    that does not fit its type stops the seed instead of loading as null.
#}
{% macro spark__load_csv_rows(model, agate_table) %}

    {%- set batch_size = get_batch_size() -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set column_types = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- do column_types.append(column_override.get(col_name, adapter.convert_type(agate_table, loop.index0))) -%}
    {%- endfor -%}

    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(batch_size) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for value in row -%}
                    cast({{ fund_fees.spark_seed_literal(value) }} as {{ column_types[loop.index0] }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%})
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}

    {{ return(statements[0] if statements else '') }}

{% endmacro %}

{# A CSV value as a Spark SQL literal: null for a blank cell, else an escaped string. #}
{% macro spark_seed_literal(value) -%}
    {%- if value is none -%}
        null
    {%- else -%}
        '{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}
