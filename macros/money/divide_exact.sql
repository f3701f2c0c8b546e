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
    {#- integer form of each operand: whole part and fraction apart, so a decimal(38, s)
        operand keeps its full range (one multiplication by 10^s would cap it at 10^(38-2s)) -#}
    {%- set n_value = 'cast(' ~ numerator ~ ' as decimal(38, ' ~ numerator_scale ~ '))' -%}
    {%- set d_value = 'cast(' ~ denominator ~ ' as decimal(38, ' ~ denominator_scale ~ '))' -%}
    {%- set n -%}
        (cast(trunc({{ n_value }}) as hugeint) * cast({{ 10 ** numerator_scale }} as hugeint)
            + cast(({{ n_value }} - trunc({{ n_value }})) * {{ 10 ** numerator_scale }} as hugeint))
    {%- endset -%}
    {%- set d -%}
        (cast(trunc({{ d_value }}) as hugeint) * cast({{ 10 ** denominator_scale }} as hugeint)
            + cast(({{ d_value }} - trunc({{ d_value }})) * {{ 10 ** denominator_scale }} as hugeint))
    {%- endset -%}
    (case
        when ({{ d }}) = 0 then null
        else cast(
            sign({{ n }}) * sign({{ d }})
            * ((2 * abs({{ n }}) * cast({{ 10 ** shift }} as hugeint) + abs({{ d }})) // (2 * abs({{ d }})))
            as decimal(38, 0)
        ) * cast('{{ "%.*f" | format(scale, 10 ** (-scale)) }}' as decimal({{ scale + 1 }}, {{ scale }}))
    end)
{%- endmacro %}
