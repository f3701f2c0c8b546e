{#
    divide_exact on Spark: the same quotient as duckdb__divide_exact (rounded half
    away from zero at `scale` digits, null for a zero denominator), same type
    decimal(38, scale).

    Spark's decimal division keeps at most 38 digits and, for wide operands,
    cuts the quotient's scale to as little as 6 (or overflows); `div` on big
    decimals wraps around silently. So the division is done in whole numbers
    held in decimal(38, 0), where + - * and % are exact (with the profile's
    spark.sql.decimalOperations.allowPrecisionLoss false and ANSI mode, anything
    too large raises an error instead of losing digits):
      n, d    the operands as integers at numerator_scale / denominator_scale
      a / b   (2|n| 10^shift + |d|) / (2|d|), whose floor is the rounded quotient
      a       is split into three 12-digit pieces and divided by b by long
              division (each partial quotient is below 10^14, which a
              decimal(38, 0) division of an exact multiple returns exactly).
    Intermediate values are bound once with transform(array(x), name -> ...)[0],
    so the SQL stays linear in the size of the operands' expressions.
    Limits: |a| < 10^38 (as DuckDB's hugeint) and |b| < 10^26 (denominator below
    5 * 10^(25 - denominator_scale)); beyond them the query fails, never rounds.
#}
{% macro spark__divide_exact(numerator, denominator, scale, numerator_scale, denominator_scale) -%}
    {%- set shift = scale + denominator_scale - numerator_scale -%}
    {%- if shift < 0 -%}
        {{ exceptions.raise_compiler_error("divide_exact: scale + denominator_scale must be >= numerator_scale") }}
    {%- endif -%}
    {%- set piece = 10 ** 12 -%}
    {%- set n_value = 'cast(' ~ numerator ~ ' as decimal(38, ' ~ numerator_scale ~ '))' -%}
    {%- set d_value = 'cast(' ~ denominator ~ ' as decimal(38, ' ~ denominator_scale ~ '))' -%}
    (case
        when {{ d_value }} = 0 then null
        else {{ fund_fees._spark_let(fund_fees._spark_integer_form(n_value, numerator_scale), 'dx_n',
            fund_fees._spark_let(fund_fees._spark_integer_form(d_value, denominator_scale), 'dx_d',
            fund_fees._spark_let(
                'cast(2 * abs(dx_n) * ' ~ fund_fees._spark_int(10 ** shift) ~ ' + abs(dx_d) as decimal(38, 0))', 'dx_a',
            fund_fees._spark_let('cast(2 * abs(dx_d) as decimal(38, 0))', 'dx_b',
            fund_fees._spark_let(fund_fees._spark_floor_div('dx_a', fund_fees._spark_int(piece * piece)), 'dx_c0',
            fund_fees._spark_let(fund_fees._spark_floor_div('dx_c0', 'dx_b'), 'dx_q0',
            fund_fees._spark_let(
                '(dx_c0 - dx_q0 * dx_b) * ' ~ fund_fees._spark_int(piece) ~ ' + '
                ~ fund_fees._spark_floor_div('dx_a % ' ~ fund_fees._spark_int(piece * piece), fund_fees._spark_int(piece)),
                'dx_t1',
            fund_fees._spark_let(fund_fees._spark_floor_div('dx_t1', 'dx_b'), 'dx_q1',
            fund_fees._spark_let(
                '(dx_t1 - dx_q1 * dx_b) * ' ~ fund_fees._spark_int(piece) ~ ' + dx_a % ' ~ fund_fees._spark_int(piece),
                'dx_t2',
            fund_fees._spark_let(
                'cast(dx_q0 * ' ~ fund_fees._spark_int(piece * piece) ~ ' + dx_q1 * ' ~ fund_fees._spark_int(piece)
                ~ ' + ' ~ fund_fees._spark_floor_div('dx_t2', 'dx_b') ~ ' as decimal(38, 0))',
                'dx_q',
                'cast(case when (dx_n < 0) <> (dx_d < 0) then -dx_q else dx_q end * cast(\''
                    ~ "%.*f" | format(scale, 10 ** (-scale)) ~ '\' as decimal(' ~ (scale + 1) ~ ', ' ~ scale ~ '))'
                    ~ ' as decimal(38, ' ~ scale ~ '))'
            )))))))))) }}
    end)
{%- endmacro %}

{# `body` with `name` bound to the value of `expression` (a Spark lambda). #}
{% macro _spark_let(expression, name, body) -%}
    transform(array({{ expression }}), {{ name }} -> {{ body }})[0]
{%- endmacro %}

{# An integer literal as decimal(38, 0). #}
{% macro _spark_int(value) -%}
    cast('{{ value }}' as decimal(38, 0))
{%- endmacro %}

{# floor(x / y) for x >= 0, y > 0 held in decimal(38, 0): an exact multiple divided. #}
{% macro _spark_floor_div(x, y) -%}
    cast((({{ x }}) - ({{ x }}) % ({{ y }})) / ({{ y }}) as decimal(38, 0))
{%- endmacro %}

{# value * 10^scale as decimal(38, 0), whole part and fraction apart so that a
   decimal(38, s) value keeps its full range. #}
{% macro _spark_integer_form(value, value_scale) -%}
    {%- set whole = 'cast(floor(' ~ value ~ ') as decimal(38, 0))' -%}
    cast({{ whole }} * {{ fund_fees._spark_int(10 ** value_scale) }}
        + cast(({{ value }} - {{ whole }}) * {{ fund_fees._spark_int(10 ** value_scale) }} as decimal(38, 0)) as decimal(38, 0))
{%- endmacro %}
