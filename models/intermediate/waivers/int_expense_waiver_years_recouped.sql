-- Reimbursement of waived fees (advisory agreement section 2, last sentence: "the Trust
-- agrees to reimburse Adviser, provided that such reimbursement does not result in
-- increasing the Trust's aggregate expenses above the aforementioned expense limitation
-- ratios"; DECISIONLOG D15). On by default, as printed: every earlier fiscal year's waiver is
-- reimbursed, oldest first, as far as the year's headroom allows (the sum of the daily
-- max(0, cap - expenses)), with no time limit. Vars: expense_recoupment_enabled (false: off),
-- expense_recoupment_fiscal_years (a number N: waivers older than N fiscal years expire).
-- One row per agreement, fund and fiscal year. Amounts are tracked on a running total of
-- waivers: `recoupment_start_position_usd`..`recoupment_end_position_usd` is the slice of the
-- fund's cumulative waivers reimbursed in the year.
{%- set recoupment_enabled = var('expense_recoupment_enabled', true) %}
{%- set recoupment_years = var('expense_recoupment_fiscal_years', none) %}
{%- set start_position = "greatest(recouped.recoupment_end_position_usd, cumulative.expired_waivers_usd)" %}
{#- var expense_reimbursement_expense_basis: 'series' (default) repays each Series' waivers from
    its own headroom; 'trust' pools every Series' waivers (oldest first, then by fund_id) and
    repays them from the whole Trust's daily headroom, max(0, sum of caps - sum of expenses),
    booking each fund's share in its last month of the fiscal year (DECISIONLOG D15). -#}
{%- set trust_basis = var('expense_reimbursement_expense_basis', 'series') == 'trust' %}
with

limitation_days as (
    select * from {{ ref('int_expense_limitation_days_compared') }}
),

{% if trust_basis %}
    trust_years as (
        select
            agreement_id,
            fiscal_year_start,
            sum(trust_headroom_usd) as trust_headroom_usd
        from (
            select
                agreement_id,
                fiscal_year_start,
                accrual_date,
                greatest(0, sum(daily_cap_usd) - sum(expenses_usd)) as trust_headroom_usd
            from limitation_days
            group by
                agreement_id,
                fiscal_year_start,
                accrual_date
        ) as trust_days
        group by
            agreement_id,
            fiscal_year_start
    ),
{% endif %}

fund_years as (
    select
        agreement_id,
        fund_id,
        fiscal_year_start,
        cast(extract(year from fiscal_year_start) as integer) as fiscal_year_number,
        max(ytd_waiver_usd) as fiscal_year_waiver_usd,
        max(ytd_headroom_usd) as fiscal_year_headroom_usd
    from limitation_days
    group by
        agreement_id,
        fund_id,
        fiscal_year_start
),

fiscal_years as (
    {% if trust_basis %}
        -- one pool per agreement: the whole Trust
        select
            fund_years.agreement_id,
            '*' as fund_id,
            fund_years.fiscal_year_start,
            fund_years.fiscal_year_number,
            sum(fund_years.fiscal_year_waiver_usd) as fiscal_year_waiver_usd,
            max(trust_years.trust_headroom_usd) as fiscal_year_headroom_usd
        from fund_years
        inner join trust_years
            on
                fund_years.agreement_id = trust_years.agreement_id
                and fund_years.fiscal_year_start = trust_years.fiscal_year_start
        group by
            fund_years.agreement_id,
            fund_years.fiscal_year_start,
            fund_years.fiscal_year_number
    {% else %}
        select * from fund_years
    {% endif %}
),

cumulative as (
    select
        *,
        row_number() over (
            partition by agreement_id, fund_id order by fiscal_year_start
        ) as fiscal_year_index,
        -- waivers of every earlier fiscal year
        cast(coalesce(sum(fiscal_year_waiver_usd) over (
            partition by agreement_id, fund_id
            order by fiscal_year_number
            range between unbounded preceding and 1 preceding
        ), 0) as decimal(38, 18)) as waived_before_year_usd,
        {% if recoupment_years is not none -%}
            -- waivers of fiscal years more than N years back: expired, never recouped
            cast(coalesce(sum(fiscal_year_waiver_usd) over (
                partition by agreement_id, fund_id
                order by fiscal_year_number
                range between unbounded preceding and {{ (recoupment_years | int) + 1 }} preceding
            ), 0) as decimal(38, 18)) as expired_waivers_usd
        {%- else -%}
            -- no time limit (as printed): nothing expires
            cast(0 as decimal(38, 18)) as expired_waivers_usd
        {%- endif %}
    from fiscal_years
),

-- Year by year: start = greatest(previous end, expired), end = least(start + headroom,
-- waived before the year) (nothing recouped when expense_recoupment_enabled is false). That
-- recurrence is solved in closed form (no recursive CTE, which Spark lacks): with P the
-- running total of headroom and, for each year j, u_j = waived_before_j - P_j and
-- v_j = expired_j - P_(j-1),
--   end_n = P_n + least(max(v_1..v_n), least over k of greatest(u_k, max(v_(k+1)..v_n)))
-- (min and max distribute over each other and over +, so unrolling the recurrence gives it;
-- it holds for any expired amounts, so for every expense_recoupment_fiscal_years). Sums and
-- differences only: exact decimals, the same figures as the recurrence.
years as (
    select
        *,
        cast({{ 'fiscal_year_headroom_usd' if recoupment_enabled else '0' }} as decimal(38, 18))
            as recoupable_headroom_usd,
        -- P: headroom of this and every earlier fiscal year
        cast(sum({{ 'fiscal_year_headroom_usd' if recoupment_enabled else '0' }}) over (
            partition by agreement_id, fund_id
            order by fiscal_year_index
            rows between unbounded preceding and current row
        ) as decimal(38, 18)) as headroom_through_year_usd
    from cumulative
),

year_pairs as (
    -- each fiscal year n with each fiscal year k up to n
    select
        through_year.agreement_id,
        through_year.fund_id,
        through_year.fiscal_year_index,
        earlier_year.fiscal_year_index as earlier_year_index,
        cast(earlier_year.waived_before_year_usd - earlier_year.headroom_through_year_usd as decimal(38, 18))
            as cap_term_usd,
        cast(
            earlier_year.expired_waivers_usd
            - (earlier_year.headroom_through_year_usd - earlier_year.recoupable_headroom_usd)
            as decimal(38, 18)
        ) as floor_term_usd
    from years as through_year
    inner join years as earlier_year
        on
            through_year.agreement_id = earlier_year.agreement_id
            and through_year.fund_id = earlier_year.fund_id
            and through_year.fiscal_year_index >= earlier_year.fiscal_year_index
),

pair_terms as (
    select
        agreement_id,
        fund_id,
        fiscal_year_index,
        cap_term_usd,
        -- max(v_(k+1)..v_n): null for k = n
        max(floor_term_usd) over (
            partition by agreement_id, fund_id, fiscal_year_index
            order by earlier_year_index desc
            rows between unbounded preceding and 1 preceding
        ) as later_floor_term_usd,
        max(floor_term_usd) over (
            partition by agreement_id, fund_id, fiscal_year_index
        ) as all_floor_term_usd
    from year_pairs
),

end_positions as (
    select
        agreement_id,
        fund_id,
        fiscal_year_index,
        least(
            max(all_floor_term_usd),
            min(
                case
                    when later_floor_term_usd is null or cap_term_usd > later_floor_term_usd then cap_term_usd
                    else later_floor_term_usd
                end
            )
        ) as end_position_offset_usd
    from pair_terms
    group by
        agreement_id,
        fund_id,
        fiscal_year_index
),

positions as (
    select
        years.*,
        cast(years.headroom_through_year_usd + end_positions.end_position_offset_usd as decimal(38, 18))
            as recoupment_end_position_usd
    from years
    inner join end_positions
        on
            years.agreement_id = end_positions.agreement_id
            and years.fund_id = end_positions.fund_id
            and years.fiscal_year_index = end_positions.fiscal_year_index
),

starts as (
    select
        *,
        cast(
            case
                when
                    lag(recoupment_end_position_usd) over (
                        partition by agreement_id, fund_id order by fiscal_year_index
                    ) > expired_waivers_usd
                    then lag(recoupment_end_position_usd) over (
                        partition by agreement_id, fund_id order by fiscal_year_index
                    )
                else expired_waivers_usd
            end
            as decimal(38, 18)
        ) as recoupment_start_position_usd
    from positions
),

recouped as (
    select
        agreement_id,
        fund_id,
        fiscal_year_index,
        recoupment_start_position_usd,
        cast(waived_before_year_usd - recoupment_start_position_usd as decimal(38, 18)) as recoupable_usd,
        cast(
            {% if recoupment_enabled %}
                recoupment_end_position_usd - recoupment_start_position_usd
            {% else %}0{% endif %}
            as decimal(38, 18)
        ) as recouped_usd,
        {% if recoupment_enabled -%}
            recoupment_end_position_usd
        {%- else -%}
            recoupment_start_position_usd as recoupment_end_position_usd
        {%- endif %}
    from starts
),

{% if trust_basis %}
    pool_years as (
        select
            cumulative.*,
            recouped.recoupment_start_position_usd,
            recouped.recoupable_usd,
            recouped.recouped_usd,
            recouped.recoupment_end_position_usd
        from cumulative
        inner join recouped
            on
                cumulative.agreement_id = recouped.agreement_id
                and cumulative.fiscal_year_index = recouped.fiscal_year_index
    ),

    -- each fund-year's slice of the Trust's running total of waivers (years, then fund_id)
    fund_slices as (
        select
            fund_years.agreement_id,
            fund_years.fund_id,
            fund_years.fiscal_year_start,
            fund_years.fiscal_year_number,
            fund_years.fiscal_year_waiver_usd,
            cast(pool_years.waived_before_year_usd + coalesce(sum(fund_years.fiscal_year_waiver_usd) over (
                partition by fund_years.agreement_id, fund_years.fiscal_year_start
                order by fund_years.fund_id
                rows between unbounded preceding and 1 preceding
            ), 0) as decimal(38, 18)) as waived_before_year_usd
        from fund_years
        inner join pool_years
            on
                fund_years.agreement_id = pool_years.agreement_id
                and fund_years.fiscal_year_start = pool_years.fiscal_year_start
    ),

    -- a fund's share of the Trust's repayment: the overlap of its earlier slices with the
    -- slice the year repays
    fund_shares as (
        select
            recovery.agreement_id,
            recovery.fund_id,
            recovery.fiscal_year_start,
            cast(coalesce(sum(greatest(0,
                least(pool_years.recoupment_end_position_usd, source.waived_before_year_usd + source.fiscal_year_waiver_usd)
                - greatest(pool_years.recoupment_start_position_usd, source.waived_before_year_usd)
            )), 0) as decimal(38, 18)) as recouped_usd
        from fund_slices as recovery
        inner join pool_years
            on
                recovery.agreement_id = pool_years.agreement_id
                and recovery.fiscal_year_start = pool_years.fiscal_year_start
        left join fund_slices as source
            on
                recovery.agreement_id = source.agreement_id
                and recovery.fund_id = source.fund_id
                and recovery.fiscal_year_number > source.fiscal_year_number
        group by
            recovery.agreement_id,
            recovery.fund_id,
            recovery.fiscal_year_start
    ),

    final as (
        select
            {{ fund_fees.compound_key([
                'fund_slices.agreement_id', 'fund_slices.fund_id', 'fund_slices.fiscal_year_start'
            ]) }} as expense_waiver_year_id,
            fund_slices.agreement_id,
            fund_slices.fund_id,
            fund_slices.fiscal_year_start,
            fund_slices.fiscal_year_number,
            fund_slices.fiscal_year_waiver_usd,
            -- the Trust's: headroom, positions, repayable and expired amounts
            pool_years.fiscal_year_headroom_usd,
            fund_slices.waived_before_year_usd,
            pool_years.expired_waivers_usd,
            pool_years.recoupment_start_position_usd,
            pool_years.recoupable_usd,
            -- the fund's share of the Trust's repayment
            fund_shares.recouped_usd,
            pool_years.recoupment_end_position_usd
        from fund_slices
        inner join pool_years
            on
                fund_slices.agreement_id = pool_years.agreement_id
                and fund_slices.fiscal_year_start = pool_years.fiscal_year_start
        inner join fund_shares
            on
                fund_slices.agreement_id = fund_shares.agreement_id
                and fund_slices.fund_id = fund_shares.fund_id
                and fund_slices.fiscal_year_start = fund_shares.fiscal_year_start
    )
{% else %}
    final as (
        select
            {{ fund_fees.compound_key([
                'cumulative.agreement_id', 'cumulative.fund_id', 'cumulative.fiscal_year_start'
            ]) }} as expense_waiver_year_id,
            cumulative.agreement_id,
            cumulative.fund_id,
            cumulative.fiscal_year_start,
            cumulative.fiscal_year_number,
            cumulative.fiscal_year_waiver_usd,
            cumulative.fiscal_year_headroom_usd,
            cumulative.waived_before_year_usd,
            cumulative.expired_waivers_usd,
            recouped.recoupment_start_position_usd,
            recouped.recoupable_usd,
            recouped.recouped_usd,
            recouped.recoupment_end_position_usd
        from cumulative
        inner join recouped
            on
                cumulative.agreement_id = recouped.agreement_id
                and cumulative.fund_id = recouped.fund_id
                and cumulative.fiscal_year_index = recouped.fiscal_year_index
    )
{% endif %}

select * from final
