{#
    relation_in_this_file(relation): the relation named without its database (DuckDB's
    catalog), so that a view built on it reads the table of whichever file holds the view.
    The published warehouse is the build file copied under another name
    (macros/publish/publish_warehouse.sql): a view that named the build database would refer
    to another file; a view named this way reads the published file's own table and is kept
    as a view, not copied into a table. Spark relations have no database: unchanged.
#}
{% macro relation_in_this_file(relation) -%}
    {{- return(relation.include(database=false)) -}}
{%- endmacro %}
