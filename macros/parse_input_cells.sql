{#
    Reading input cells that arrive as text (net-asset files are read as text so that a
    bad cell is a row the validation tests can name):

    try_cast(expression, type): the value, or null when the text is not one.

    parse_iso_date(expression): the date of an ISO 'YYYY-MM-DD' cell, also written as a
    midnight timestamp ('YYYY-MM-DD 00:00:00', optionally '+00' / 'Z', which is how a
    Parquet timestamp reads under the UTC session time zone); null for anything else
    ('13/03/2013', '2013-02-30', a time of day): assert_net_assets_dates_are_valid names it.
#}
{% macro try_cast(expression, type) -%}
    {{ return(adapter.dispatch('try_cast', 'fund_fees')(expression, type)) }}
{%- endmacro %}

{% macro default__try_cast(expression, type) -%}
    try_cast({{ expression }} as {{ type }})
{%- endmacro %}

{% macro parse_iso_date(expression) -%}
    case
        when {{ fund_fees.regex_full_match(expression,
            '[0-9]{4}-[0-9]{2}-[0-9]{2}([ T]00:00:00([.]0+)?([+]00(:00)?|Z)?)?') }}
            then {{ fund_fees.try_cast('substring(' ~ expression ~ ', 1, 10)', 'date') }}
    end
{%- endmacro %}

{# regex_full_match(expression, pattern): the whole text matches the regular expression. #}
{% macro regex_full_match(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_full_match', 'fund_fees')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regex_full_match(expression, pattern) -%}
    ({{ expression }} rlike '^({{ pattern }})$')
{%- endmacro %}

{% macro duckdb__regex_full_match(expression, pattern) -%}
    regexp_full_match({{ expression }}, '{{ pattern }}')
{%- endmacro %}
