{#
    Contract constraints on Spark. dbt-spark sets a `not_null` constraint with
    `alter table ... change column ... set not null`, which Delta tables accept and the
    parquet tables of this project (no file_format) refuse ("ALTER COLUMN with v1 tables
    cannot specify NOT NULL"). On those tables the constraint is checked instead: a
    column with null rows stops the build, naming the model, the column and the count.
    Delta tables keep dbt-spark's behaviour.
#}
{% macro spark__persist_constraints(relation, model) %}
    {%- set contract_config = config.get('contract') -%}
    {%- if contract_config.enforced -%}
        {%- if config.get('file_format') == 'delta' -%}
            {%- do alter_table_add_constraints(relation, model.constraints) -%}
            {%- do alter_column_set_constraints(relation, model.columns) -%}
        {%- else -%}
            {%- for column_name, column in model.columns.items() -%}
                {%- for constraint in column.get('constraints', []) if constraint.type == 'not_null' -%}
                    {%- set nulls = run_query(
                        'select count(*) from ' ~ relation ~ ' where ' ~ column_name ~ ' is null'
                    ).columns[0].values()[0] -%}
                    {%- if nulls > 0 -%}
                        {{ exceptions.raise_compiler_error(
                            'Contract of ' ~ model.name ~ ': column ' ~ column_name ~ ' has a not_null constraint and '
                            ~ nulls ~ ' null row(s) in ' ~ relation
                        ) }}
                    {%- endif -%}
                {%- endfor -%}
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
