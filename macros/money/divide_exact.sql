{#
    Exact decimal division, rounded half away from zero at `scale` digits.

    DuckDB returns DOUBLE for decimal / decimal and decimal / integer, which
    would put floating point into money. This macro divides in 128-bit integer
    arithmetic instead: both operands are read at a fixed scale
    (numerator_scale, denominator_scale), turned into integers, and the
    quotient is rounded half up (away from zero) at `scale` digits.

    Exact as long as the operands have no more decimals than those scales;
    a value too large for 128 bits raises an error, never a wrong number.
    Tested in tests/macros/ against quotients worked by hand.
#}
{% macro divide_exact(numerator, denominator, scale=18, numerator_scale=14, denominator_scale=6) -%}
    {{ return(adapter.dispatch('divide_exact', 'fund_fees')(numerator, denominator, scale, numerator_scale, denominator_scale)) }}
{%- endmacro %}

{% macro default__divide_exact(numerator, denominator, scale, numerator_scale, denominator_scale) -%}
    cast(({{ numerator }}) / ({{ denominator }}) as decimal(38, {{ scale }}))
{%- endmacro %}

{% macro duckdb__divide_exact(numerator, denominator, scale, numerator_scale, denominator_scale) -%}
    {%- set shift = scale + denominator_scale - numerator_scale -%}
    {%- if shift < 0 -%}
        {{ exceptions.raise_compiler_error("divide_exact: scale + denominator_scale must be >= numerator_scale") }}
    {%- endif -%}
    {#- integer form of each operand (decimal_to_units: exact, and cheap while it fits 64 bits);
        the quotient in 10^-scale units, rounded by divide_units (the one rounding formula) -#}
    {%- set n = fund_fees.decimal_to_units(numerator, numerator_scale) -%}
    {%- set d = fund_fees.decimal_to_units(denominator, denominator_scale) -%}
    ({{ fund_fees.units_to_decimal(
        fund_fees.divide_units('(' ~ n ~ ' * cast(' ~ (10 ** shift) ~ ' as hugeint))', d), scale) }})
{%- endmacro %}


{#
    decimal_to_units(value, scale): value x 10^scale as a whole number (hugeint on DuckDB,
    decimal(38, 0) elsewhere), exact for a value with at most `scale` decimals (it is read
    at `scale` decimals first). The integer form the pricing core computes in (price_on_tiers'
    annual_amount_units, which divide_by_day_count divides). Pass a column: it is written
    several times.
#}
{% macro decimal_to_units(value, scale) -%}
    {{ return(adapter.dispatch('decimal_to_units', 'fund_fees')(value, scale)) }}
{%- endmacro %}

{% macro default__decimal_to_units(value, scale) -%}
    {#- whole part and fraction apart, so that a decimal(38, s) value keeps its full range -#}
    {%- set v = 'cast(' ~ value ~ ' as decimal(38, ' ~ scale ~ '))' -%}
    {%- set whole = 'cast(floor(' ~ v ~ ') as decimal(38, 0))' -%}
    cast({{ whole }} * cast('{{ 10 ** scale }}' as decimal(38, 0))
        + cast(({{ v }} - {{ whole }}) * cast('{{ 10 ** scale }}' as decimal(38, 0)) as decimal(38, 0)) as decimal(38, 0))
{%- endmacro %}

{% macro duckdb__decimal_to_units(value, scale) -%}
    {#- DuckDB reduces a decimal's scale (trunc, a cast to fewer decimals) by a 128-bit
        division, about 1 us a row; a cast to double is cheap while the value's integer form
        fits 64 bits. So: a first estimate through double (exact below 2^53), then two exact
        corrections, each the remainder (value - estimate, exact decimal subtraction) read
        through double again: the error shrinks by 2^52 a step, so any decimal(38, s) value
        comes out exact. A value within 10^-15 of decimal(38, s)'s limit may round its estimate
        past 10^38 units and fail the cast: an error, never a wrong number. -#}
    {%- set v = 'cast(' ~ value ~ ' as decimal(38, ' ~ scale ~ '))' -%}
    {%- set unit = "cast('" ~ ("%.*f" | format(scale, 10 ** (-scale))) ~ "' as decimal(" ~ (scale + 1) ~ ", " ~ scale ~ "))" -%}
    {%- set u = namespace(value='cast(round(cast(' ~ v ~ ' as double) * 1e' ~ scale ~ ') as hugeint)') -%}
    {%- for step in range(2) -%}
        {%- set u.value = '(' ~ u.value ~ ' + cast(round(cast(' ~ v ~ ' - cast(' ~ u.value ~ ' as decimal(38, 0)) * ' ~ unit ~ ' as double) * 1e' ~ scale ~ ') as hugeint))' -%}
    {%- endfor -%}
    {{ u.value }}
{%- endmacro %}


{#
    units_to_decimal(units, scale): a whole number of 10^-scale units (decimal_to_units) as
    decimal(38, scale). Portable: a multiplication, never a division.
#}
{% macro units_to_decimal(units, scale) -%}
    cast(cast({{ units }} as decimal(38, 0)) * cast('{{ "%.*f" | format(scale, 10 ** (-scale)) }}' as decimal({{ scale + 1 }}, {{ scale }})) as decimal(38, {{ scale }}))
{%- endmacro %}


{#
    divide_units(numerator, denominator): the quotient of two whole numbers (decimal_to_units),
    rounded half away from zero to a whole number; null for a zero denominator. Pass columns:
    each is written several times.
#}
{% macro divide_units(numerator, denominator) -%}
    {{ return(adapter.dispatch('divide_units', 'fund_fees')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__divide_units(numerator, denominator) -%}
    {{ fund_fees.divide_exact(numerator, denominator, 0, numerator_scale=0, denominator_scale=0) }}
{%- endmacro %}

{% macro duckdb__divide_units(numerator, denominator) -%}
    {#- no CASE: DuckDB does not share a common subexpression across a CASE's branches, so each
        operand would be computed once per mention; a zero denominator divides by null -#}
    (sign({{ numerator }}) * sign({{ denominator }})
        * ((2 * abs(cast({{ numerator }} as hugeint)) + abs(cast({{ denominator }} as hugeint)))
            // nullif(2 * abs(cast({{ denominator }} as hugeint)), 0)))
{%- endmacro %}
