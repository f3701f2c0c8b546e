{#
    Rounds an amount to cents where it becomes payable (fee-rules R2, R5).
    `mode` is a SQL expression or a quoted literal: 'half_up' (default:
    halves away from zero) or 'half_even' (banker's rounding).
#}
{% macro round_money(amount, mode="'half_up'") -%}
    {{ return(adapter.dispatch('round_money', 'fund_fees')(amount, mode)) }}
{%- endmacro %}

{% macro default__round_money(amount, mode) -%}
    cast(
        case
            when ({{ mode }}) = 'half_even'
                and abs(({{ amount }}) * 100 - trunc(({{ amount }}) * 100)) = 0.5
                and cast(trunc(({{ amount }}) * 100) as decimal(38, 0)) % 2 = 0
                then cast(trunc(({{ amount }}) * 100) as decimal(38, 0)) * 0.01
            else round({{ amount }}, 2)
        end
        as decimal(38, 2)
    )
{%- endmacro %}
