{#
    Write-audit-publish (README, "Publishing"). dbt builds into the build database
    (profiles.yml); FUND_FEES_DB is the published warehouse that BI tools open.

    on-run-start: publish_history_refresh() makes the build database's publish history
    (fund_fees_audit.fct_fees_monthly_published) a copy of the published file's own, so a
    publish that was killed before it replaced the file leaves no trace in the history.

    on-run-end: publish_warehouse(results) publishes only after `dbt build` and only when
    every selected node passed (warnings pass; never with --empty): it appends the monthly fees that changed
    since the last publish to the history, checkpoints the build database and copies its
    file into a temporary file beside FUND_FEES_DB (views become tables, so the copy refers to no other file or
    database; a view whose model has meta published_as: view and reads its own file through
    fund_fees.relation_in_this_file stays a view; the
    intermediate layer's views, fund-day steps whose results the published tables hold, are
    left out), detaches it and replaces FUND_FEES_DB with it in one os.replace
    (dbt_plugins/fund_fees_publish.py). Other adapters: nothing.
#}

{% macro published_database_path() -%}
    {{- return(env_var('FUND_FEES_DB', 'fund_fees.duckdb')) -}}
{%- endmacro %}

{% macro publish_history_ddl(relation) -%}
    create table if not exists {{ relation }} (
        published_at timestamp not null,
        agreement_id {{ dbt.type_string() }} not null,
        fee_type {{ dbt.type_string() }},
        fund_id {{ dbt.type_string() }} not null,
        month_start date not null,
        accrued_fee_usd decimal(38, 18),
        minimum_true_up_usd decimal(38, 2),
        waiver_usd decimal(38, 18),
        net_fee_usd decimal(38, 2),
        is_withdrawn boolean not null
    )
{%- endmacro %}

{% macro publish_history_refresh() %}
    {% if execute and target.type == 'duckdb' %}
        {% set history = target.database ~ '.fund_fees_audit.fct_fees_monthly_published' %}
        {% do run_query('create schema if not exists ' ~ target.database ~ '.fund_fees_audit') %}
        {% set published = fund_fees.published_database_path() %}
        {% if run_query("select count(*) from glob('" ~ published ~ "')").columns[0].values()[0] %}
            {% do run_query("attach '" ~ published ~ "' as fund_fees_published (read_only)") %}
            {% set found = run_query(
                "select count(*) from duckdb_tables() where database_name = 'fund_fees_published'"
                ~ " and schema_name = 'fund_fees_audit' and table_name = 'fct_fees_monthly_published'"
            ).columns[0].values()[0] %}
            {% if found %}
                {% do run_query('create or replace table ' ~ history
                    ~ ' as select * from fund_fees_published.fund_fees_audit.fct_fees_monthly_published') %}
            {% endif %}
            {% do run_query('detach fund_fees_published') %}
        {% endif %}
        {% do run_query(fund_fees.publish_history_ddl(history)) %}
    {% endif %}
{% endmacro %}

{% macro publish_warehouse(results) %}
    {% if execute and target.type == 'duckdb' and flags.WHICH == 'build' and not flags.EMPTY %}
        {% set not_passed = [] %}
        {% for result in results %}
            {% if result.status not in ['success', 'pass', 'warn', 'no-op'] %}
                {% do not_passed.append(result.node.name ~ ' (' ~ result.status ~ ')') %}
            {% endif %}
        {% endfor %}
        {% set published = fund_fees.published_database_path() %}
        {% if not results or not_passed %}
            {{ log('Not published: ' ~ (not_passed | length) ~ ' node(s) did not pass ('
                ~ (not_passed[:5] | join(', ')) ~ ('...' if not_passed | length > 5 else '')
                ~ '). ' ~ published ~ ' is unchanged.', info=true) }}
        {% else %}
            {% do fund_fees.publish_history_append() %}
            {% set build_db = target.database %}
            {% set tmp = run_query("select fund_fees_publish_prepare('" ~ published ~ "')").columns[0].values()[0] %}
            {#- a checkpoint writes every change into the build file, which is then copied as a
                file (no writer runs during on-run-end) -#}
            {% do run_query('checkpoint') %}
            {% set build_path = run_query(
                "select path from duckdb_databases() where database_name = '" ~ build_db ~ "'").columns[0].values()[0] %}
            {% do run_query("select fund_fees_publish_copy('" ~ build_path ~ "', '" ~ tmp ~ "')") %}
            {% do run_query("attach '" ~ tmp ~ "' as fund_fees_publishing") %}
            {#- a view stays a view only when its model says so (meta published_as: view) and reads
                its own file (fund_fees.relation_in_this_file); the others, which name the build
                database (dbt's ref() does) or read input files, are copied into tables -#}
            {% set kept_views = [] %}
            {% for node in graph.nodes.values()
                if node.resource_type == 'model' and node.config.materialized == 'view'
                and (node.config.meta or {}).get('published_as') == 'view' %}
                {% do kept_views.append(node.schema ~ '.' ~ node.alias) %}
            {% endfor %}
            {% set views = run_query(
                "select schema_name, view_name from duckdb_views()"
                ~ " where database_name = 'fund_fees_publishing' and not internal"
                ~ " order by schema_name, view_name") %}
            {% set copied = [] %}
            {% set kept = [] %}
            {% set left_out = [] %}
            {% for view in views.rows %}
                {% set name = adapter.quote(view[0]) ~ '.' ~ adapter.quote(view[1]) %}
                {% if view[0] == generate_schema_name('intermediate', none) | trim %}
                    {#- the intermediate layer's views are fund-day steps that the published tables
                        already hold the result of: left out (the build database keeps them) -#}
                    {% do run_query('drop view fund_fees_publishing.' ~ name) %}
                    {% do left_out.append(view[1]) %}
                {% elif (view[0] ~ '.' ~ view[1]) in kept_views %}
                    {% do kept.append(view[1]) %}
                {% else %}
                    {% do run_query('drop view fund_fees_publishing.' ~ name) %}
                    {% do run_query('create table fund_fees_publishing.' ~ name
                        ~ ' as select * from ' ~ build_db ~ '.' ~ name) %}
                    {% do copied.append(view[1]) %}
                {% endif %}
            {% endfor %}
            {% do run_query('detach fund_fees_publishing') %}
            {#- fund_fees_publish opens the copy alone first, without access to other files, and
                reads every view it kept: a view that refers to another database or file stops
                the publish -#}
            {% do run_query("select fund_fees_publish('" ~ tmp ~ "', '" ~ published ~ "')") %}
            {{ log('Published ' ~ published ~ ' (every one of ' ~ (results | length)
                ~ ' selected nodes passed; ' ~ (copied | length) ~ ' views copied as tables, '
                ~ (kept | length) ~ ' published as ' ~ ('a view' if kept | length == 1 else 'views') ~ ': '
                ~ (kept | join(', ') or 'none') ~ ', '
                ~ (left_out | length) ~ ' intermediate views left out).', info=true) }}
        {% endif %}
    {% endif %}
{% endmacro %}

{#
    The monthly fees of this publish that differ from the latest published version of the
    same agreement, fund and month (or are new), and a withdrawn row for every fund-month
    published before that this build no longer has; published_at is this run's start.
#}
{% macro publish_history_append() %}
    {% set history = target.database ~ '.fund_fees_audit.fct_fees_monthly_published' %}
    {% set current = api.Relation.create(database=target.database, schema=target.schema, identifier='fct_fees_monthly') %}
    {% set published_at = "cast('" ~ run_started_at.strftime('%Y-%m-%d %H:%M:%S.%f') ~ "' as timestamp)" %}
    {% do run_query(fund_fees.publish_history_ddl(history)) %}
    {% do run_query("
        insert into " ~ history ~ "
        with latest as (
            select * from " ~ history ~ "
            qualify row_number() over (
                partition by agreement_id, fund_id, month_start order by published_at desc) = 1
        ),
        current_fees as (
            select agreement_id, fee_type, fund_id, month_start, accrued_fee_usd,
                minimum_true_up_usd, waiver_usd, net_fee_usd
            from " ~ current ~ "
        )
        select " ~ published_at ~ ", c.agreement_id, c.fee_type, c.fund_id, c.month_start,
            c.accrued_fee_usd, c.minimum_true_up_usd, c.waiver_usd, c.net_fee_usd, false
        from current_fees as c
        left join latest as l
            on c.agreement_id = l.agreement_id and c.fund_id = l.fund_id and c.month_start = l.month_start
        where l.agreement_id is null or l.is_withdrawn
            or l.net_fee_usd is distinct from c.net_fee_usd
            or l.accrued_fee_usd is distinct from c.accrued_fee_usd
            or l.minimum_true_up_usd is distinct from c.minimum_true_up_usd
            or l.waiver_usd is distinct from c.waiver_usd
        union all
        select " ~ published_at ~ ", l.agreement_id, l.fee_type, l.fund_id, l.month_start,
            null, null, null, null, true
        from latest as l
        left join current_fees as c
            on c.agreement_id = l.agreement_id and c.fund_id = l.fund_id and c.month_start = l.month_start
        where c.agreement_id is null and not l.is_withdrawn
    ") %}
{% endmacro %}

{# The publish history as a model reads it: the source on DuckDB, an empty relation elsewhere. #}
{% macro publish_history_relation() -%}
    {{ return(adapter.dispatch('publish_history_relation', 'fund_fees')()) }}
{%- endmacro %}

{% macro duckdb__publish_history_relation() -%}
    {{ source('fund_fees_audit', 'fct_fees_monthly_published') }}
{%- endmacro %}

{% macro default__publish_history_relation() -%}
    (
        select
            cast(null as {{ dbt.type_timestamp() }}) as published_at,
            cast(null as {{ dbt.type_string() }}) as agreement_id,
            cast(null as {{ dbt.type_string() }}) as fee_type,
            cast(null as {{ dbt.type_string() }}) as fund_id,
            cast(null as date) as month_start,
            cast(null as decimal(38, 18)) as accrued_fee_usd,
            cast(null as decimal(38, 2)) as minimum_true_up_usd,
            cast(null as decimal(38, 18)) as waiver_usd,
            cast(null as decimal(38, 2)) as net_fee_usd,
            cast(null as boolean) as is_withdrawn
        where 1 = 0
    )
{%- endmacro %}
