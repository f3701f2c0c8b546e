{#
    The one place a subject-day is priced through a tiered schedule (fee-rules R3, R4, R7).

    price_on_tiers(subjects, assets, schedule_id='schedule_id', schedule_source='fee_schedule',
                   pro_rata=none, own_assets=none, combined_assets=none)
    returns a SELECT of every column of the CTE or relation `subjects` plus
      tier_number        the tier (band) of the schedule that holds `assets`,
      tier_method        'marginal' | 'whole',
      annual_amount_usd  the schedule's annual amount on `assets` (decimal(38, 14), exact):
                         marginal: amount below the tier + (assets - lower bound) x rate;
                         whole: assets x rate; when the boolean column `pro_rata` is true, that
                         amount x own_assets / combined_assets (R4's alternative: the tiers
                         price the combined assets, the fund pays its share), 14 decimals.
    `subjects` needs a column naming the schedule (schedule_id) and the assets column; each
    subject row joins exactly one row of int_schedule_tiers_cumulated (a range join, no sum).
    A subject without a tiered schedule drops out (inner join).
    Example: select * from ({{ fund_fees.price_on_tiers('fund_days', 'tier_basis_assets_usd') }}) as priced
#}
{% macro price_on_tiers(subjects, assets, schedule_id='schedule_id', schedule_source='fee_schedule', pro_rata=none, own_assets=none, combined_assets=none) -%}
    {%- set gross -%}
        case
            when tiers.tier_method = 'whole'
                then {{ subjects }}.{{ assets }} * tiers.annual_rate_pct * cast(0.01 as decimal(3, 2))
            else tiers.amount_below_tier_usd
                + ({{ subjects }}.{{ assets }} - tiers.lower_bound_usd) * tiers.annual_rate_pct * cast(0.01 as decimal(3, 2))
        end
    {%- endset -%}
    {#- the share's operands are exact at these scales: the amount has 14 decimals, the
        assets no more than net_assets_max_decimals (a validation rule), so the product has
        14 + that many and the 128-bit quotient holds amounts x assets up to about 10^21 -#}
    {%- set net_assets_decimals = var('net_assets_max_decimals', 2) | int -%}
    select
        {{ subjects }}.*,
        tiers.tier_number,
        tiers.tier_method,
        {%- if pro_rata is not none %}
        case
            when {{ subjects }}.{{ pro_rata }}
                then {{ fund_fees.divide_exact(
                    'cast(' ~ gross ~ ' as decimal(38, 14)) * ' ~ subjects ~ '.' ~ own_assets,
                    subjects ~ '.' ~ combined_assets, 14,
                    numerator_scale=14 + net_assets_decimals, denominator_scale=net_assets_decimals
                ) }}
            else cast({{ gross }} as decimal(38, 14))
        end as annual_amount_usd
        {%- else %}
        cast({{ gross }} as decimal(38, 14)) as annual_amount_usd
        {%- endif %}
    from {{ subjects }}
    inner join {{ ref('int_schedule_tiers_cumulated') }} as tiers
        on
            tiers.schedule_source = '{{ schedule_source }}'
            and {{ subjects }}.{{ schedule_id }} = tiers.schedule_id
            and {{ subjects }}.{{ assets }} > tiers.join_lower_bound_usd
            and {{ subjects }}.{{ assets }} <= tiers.join_upper_bound_usd
{%- endmacro %}


{#
    divide_by_day_count(amount, days, scale=18, amount_scale=14): amount / days, exact, for a
    whole-number day count (fee-rules R2: 365, 366 or 360), rounded half away from zero at
    `scale` digits: the same result as divide_exact(amount, days, scale, amount_scale) at the
    cost of one integer division. `amount` is read at amount_scale decimals (an annual amount
    of up to 10^(38 - 2 x amount_scale) dollars, 10^10 at 14: a larger one raises an overflow
    error, never a wrong number); pass a column (it is written twice).
#}
{% macro divide_by_day_count(amount, days, scale=18, amount_scale=14) -%}
    {{ return(adapter.dispatch('divide_by_day_count', 'fund_fees')(amount, days, scale, amount_scale)) }}
{%- endmacro %}

{% macro default__divide_by_day_count(amount, days, scale, amount_scale) -%}
    {{ fund_fees.divide_exact(amount, days, scale, numerator_scale=amount_scale, denominator_scale=0) }}
{%- endmacro %}

{% macro duckdb__divide_by_day_count(amount, days, scale, amount_scale) -%}
    {%- set shift = scale - amount_scale -%}
    {%- if shift < 0 -%}
        {{ exceptions.raise_compiler_error("divide_by_day_count: scale must be >= amount_scale") }}
    {%- endif -%}
    {%- set units = 'cast(cast(' ~ amount ~ ' as decimal(38, ' ~ amount_scale ~ ')) * ' ~ (10 ** amount_scale) ~ ' as hugeint)' -%}
    {#- integer division truncates toward zero: adding half the divisor away from zero rounds half away from zero -#}
    (cast(
        ({{ units }} * {{ 2 * 10 ** shift }} + sign({{ units }}) * cast({{ days }} as hugeint))
        // (2 * cast({{ days }} as hugeint))
        as decimal(38, 0)
    ) * cast('{{ "%.*f" | format(scale, 10 ** (-scale)) }}' as decimal({{ scale + 1 }}, {{ scale }})))
{%- endmacro %}
