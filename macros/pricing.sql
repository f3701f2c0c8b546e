{#
    The one place a subject-day is priced through a tiered schedule (fee-rules R3, R4, R7).

    price_on_tiers(subjects, assets, schedule_id='schedule_id', schedule_source='fee_schedule',
                   pro_rata=none, own_assets=none, combined_assets=none)
    returns a SELECT of every column of the CTE or relation `subjects` plus
      tier_number          the tier (band) of the schedule that holds `assets`,
      tier_method          'marginal' | 'whole',
      annual_amount_units  the schedule's annual amount on `assets` as a whole number of
                           10^-14 dollars (hugeint on DuckDB, decimal(38, 0) elsewhere), exact:
                           marginal: amount below the tier + (assets - lower bound) x rate;
                           whole: assets x rate; when the boolean column `pro_rata` is true,
                           that amount x own_assets / combined_assets, rounded half away from
                           zero (R4's alternative: the tiers price the combined assets, the
                           fund pays its share),
      annual_amount_usd    the same amount as decimal(38, 14),
    and, with pro_rata, gross_amount_units (the amount before the share), own_assets_units and
    combined_assets_units (the share's operands in 10^-net_assets_max_decimals dollars).
    `subjects` needs a column naming the schedule (schedule_id) and the assets column (at most
    6 decimals); each subject row joins exactly one row of int_schedule_tiers_cumulated (a
    range join, no sum). A subject without a tiered schedule drops out (inner join).
    Example: select * from ({{ fund_fees.price_on_tiers('fund_days', 'tier_basis_assets_usd') }}) as priced
#}
{% macro price_on_tiers(subjects, assets, schedule_id='schedule_id', schedule_source='fee_schedule', pro_rata=none, own_assets=none, combined_assets=none) -%}
    {#- the share's operands are exact at these scales: the assets carry no more than
        net_assets_max_decimals (a validation rule) -#}
    {%- set net_assets_decimals = var('net_assets_max_decimals', 2) | int -%}
    {%- set tiered -%}
        select
            {{ subjects }}.*,
            tiers.tier_number,
            tiers.tier_method,
            {{ fund_fees.tier_amount_units(subjects ~ '.' ~ assets, 'tiers') }}
                as {{ 'gross_amount_units' if pro_rata is not none else 'annual_amount_units' }}
            {%- if pro_rata is not none %},
            case when {{ subjects }}.{{ pro_rata }} then {{ fund_fees.decimal_to_units(subjects ~ '.' ~ own_assets, net_assets_decimals) }} end
                as own_assets_units,
            case when {{ subjects }}.{{ pro_rata }} then {{ fund_fees.decimal_to_units(subjects ~ '.' ~ combined_assets, net_assets_decimals) }} end
                as combined_assets_units
            {%- endif %}
        from {{ subjects }}
        inner join (
            select
                cumulated.*{{ fund_fees.tier_units_columns('cumulated') }}
            from {{ ref('int_schedule_tiers_cumulated') }} as cumulated
            where cumulated.schedule_source = '{{ schedule_source }}'
        ) as tiers
            on
                {{ subjects }}.{{ schedule_id }} = tiers.schedule_id
                and {{ subjects }}.{{ assets }} > tiers.join_lower_bound_usd
                and {{ subjects }}.{{ assets }} <= tiers.join_upper_bound_usd
    {%- endset -%}
    select
        amounts.*,
        {{ fund_fees.units_to_decimal('amounts.annual_amount_units', 14) }} as annual_amount_usd
    from (
        {%- if pro_rata is not none %}
        select
            tiered.*,
            case
                when tiered.{{ pro_rata }}
                    then {{ fund_fees.divide_units(
                        'tiered.gross_amount_units * tiered.own_assets_units', 'tiered.combined_assets_units'
                    ) }}
                else tiered.gross_amount_units
            end as annual_amount_units
        from ({{ tiered }}) as tiered
        {%- else %}
        {{ tiered }}
        {%- endif %}
    ) as amounts
{%- endmacro %}


{#
    tier_amount_units(assets, tiers): the annual amount of one tier row (alias `tiers`, a row
    of int_schedule_tiers_cumulated) on `assets`, in whole 10^-14 dollars: assets (10^-6
    dollars) x rate (10^-6 percent) x 0.01. DuckDB multiplies 128-bit integers (the decimal
    form would reduce the scale by division at every use); elsewhere the decimal product is
    read as units.
#}
{% macro tier_amount_units(assets, tiers) -%}
    {{ return(adapter.dispatch('tier_amount_units', 'fund_fees')(assets, tiers)) }}
{%- endmacro %}

{% macro default__tier_amount_units(assets, tiers) -%}
    {%- set gross -%}
        case
            when {{ tiers }}.tier_method = 'whole'
                then {{ assets }} * {{ tiers }}.annual_rate_pct * cast(0.01 as decimal(3, 2))
            else {{ tiers }}.amount_below_tier_usd
                + ({{ assets }} - {{ tiers }}.lower_bound_usd) * {{ tiers }}.annual_rate_pct * cast(0.01 as decimal(3, 2))
        end
    {%- endset -%}
    {{ fund_fees.decimal_to_units('cast(' ~ gross ~ ' as decimal(38, 14))', 14) }}
{%- endmacro %}

{#
    tier_units_columns(tiers): the extra columns tier_amount_units reads from a tier row (alias
    `tiers`), computed once per tier before the join (a leading comma; none but on DuckDB):
    the rate in 10^-6 percent and the tier's offset in 10^-14 dollars, so that the annual
    amount is assets x rate + offset: for a marginal tier, amount below the tier - lower bound
    x rate (below + (assets - lower) x rate, rearranged); 0 for a whole-method tier. A few
    rows, so the portable integer form serves.
#}
{% macro tier_units_columns(tiers) -%}
    {{ return(adapter.dispatch('tier_units_columns', 'fund_fees')(tiers)) }}
{%- endmacro %}

{% macro default__tier_units_columns(tiers) -%}{%- endmacro %}

{% macro duckdb__tier_units_columns(tiers) -%}
    ,
                cast({{ fund_fees.default__decimal_to_units(tiers ~ '.annual_rate_pct', 6) }} as hugeint) as annual_rate_units,
                case
                    when {{ tiers }}.tier_method = 'whole' then cast(0 as hugeint)
                    else cast({{ fund_fees.default__decimal_to_units(tiers ~ '.amount_below_tier_usd', 14) }} as hugeint)
                        - cast({{ fund_fees.default__decimal_to_units(tiers ~ '.lower_bound_usd', 6) }} as hugeint)
                        * cast({{ fund_fees.default__decimal_to_units(tiers ~ '.annual_rate_pct', 6) }} as hugeint)
                end as offset_units
{%- endmacro %}

{% macro duckdb__tier_amount_units(assets, tiers) -%}
    {{ fund_fees.decimal_to_units(assets, 6) }} * {{ tiers }}.annual_rate_units + {{ tiers }}.offset_units
{%- endmacro %}


{#
    divide_by_day_count(amount, days, scale=18, amount_scale=14, amount_units=none): amount /
    days, exact, for a whole-number day count (fee-rules R2: 365, 366 or 360), rounded half
    away from zero at `scale` digits: the same result as divide_exact(amount, days, scale,
    amount_scale). `amount` is read at amount_scale decimals; amount_units, when given, is
    the same amount as a whole number of 10^-amount_scale units (price_on_tiers'
    annual_amount_units), which spares DuckDB reading the decimal. Pass columns: they are
    written several times.
#}
{% macro divide_by_day_count(amount, days, scale=18, amount_scale=14, amount_units=none) -%}
    {{ return(adapter.dispatch('divide_by_day_count', 'fund_fees')(amount, days, scale, amount_scale, amount_units)) }}
{%- endmacro %}

{% macro default__divide_by_day_count(amount, days, scale, amount_scale, amount_units) -%}
    {{ fund_fees.divide_exact(amount, days, scale, numerator_scale=amount_scale, denominator_scale=0) }}
{%- endmacro %}

{% macro duckdb__divide_by_day_count(amount, days, scale, amount_scale, amount_units) -%}
    {%- set shift = scale - amount_scale -%}
    {%- if shift < 0 -%}
        {{ exceptions.raise_compiler_error("divide_by_day_count: scale must be >= amount_scale") }}
    {%- endif -%}
    {%- set units = amount_units if amount_units is not none else fund_fees.decimal_to_units(amount, amount_scale) -%}
    {#- rounded half away from zero: floor((2 |units| 10^shift + days) / (2 days)), by long
        division in two 64-bit steps (DuckDB's 128-bit division costs about 1 us a row):
        n = hi x 2^52 + lo; hi // (2 days), then (hi % (2 days)) x 2^52 + lo, below 2^63
        for a day count under 1024. An amount of 2^100 units or more (10^16 dollars at 14
        decimals) fails the cast of hi to bigint: an error, never a wrong number. -#}
    {%- set n = '(2 * abs(' ~ units ~ ') * cast(' ~ (10 ** shift) ~ ' as hugeint) + cast(' ~ days ~ ' as hugeint))' -%}
    {%- set d = '(2 * cast(' ~ days ~ ' as bigint))' -%}
    {%- set hi = 'cast(' ~ n ~ ' >> 52 as bigint)' -%}
    {%- set lo = 'cast(' ~ n ~ ' & 4503599627370495 as bigint)' -%}
    {{ fund_fees.units_to_decimal(
        'sign(' ~ units ~ ') * ((cast(' ~ hi ~ ' // ' ~ d ~ ' as hugeint) << 52) + (((' ~ hi ~ ' % ' ~ d ~ ') << 52) + ' ~ lo ~ ') // ' ~ d ~ ')',
        scale
    ) }}
{%- endmacro %}
