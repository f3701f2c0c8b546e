-- Recoupment (advisory agreement section 2, last sentence; switch
-- `expense_recoupment_enabled`, off by default): the Trust reimburses waived fees of the
-- three previous fiscal years, oldest first, as long as the reimbursement keeps the
-- fund's expenses under its limitation (the year's daily headroom). One row per
-- agreement, fund and fiscal year. Amounts are tracked on a running total of waivers:
-- `recoupment_start_position_usd`..`recoupment_end_position_usd` is the slice of the
-- fund's cumulative waivers reimbursed in the year (waivers older than three years expire).
--
-- Year by year: start = greatest(previous end, expired), end = least(start + headroom,
-- waived before the year). That recurrence is solved in closed form (no recursive CTE,
-- which Spark lacks): with P the running total of headroom and, for each year j,
-- u_j = waived_before_j - P_j and v_j = expired_j - P_(j-1),
--   end_n = P_n + least(max(v_1..v_n), least over k of greatest(u_k, max(v_(k+1)..v_n)))
-- (min and max distribute over each other and over +, so unrolling the recurrence gives
-- it). Sums and differences only: exact decimals, the same figures as the recurrence.
{%- set recoupment_enabled = var('expense_recoupment_enabled', false) %}
with

limitation_days as (
    select * from {{ ref('int_expense_limitation_days_compared') }}
),

fiscal_years as (
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
        -- waivers of fiscal years more than three years back: expired, never recouped
        cast(coalesce(sum(fiscal_year_waiver_usd) over (
            partition by agreement_id, fund_id
            order by fiscal_year_number
            range between unbounded preceding and 4 preceding
        ), 0) as decimal(38, 18)) as expired_waivers_usd
    from fiscal_years
),

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
        lag(recoupment_end_position_usd) over (
            partition by agreement_id, fund_id order by fiscal_year_index
        ) as previous_end_position_usd
    from positions
),

recouped as (
    select
        agreement_id,
        fund_id,
        fiscal_year_index,
        recoupment_end_position_usd,
        cast(
            case
                when previous_end_position_usd > expired_waivers_usd then previous_end_position_usd
                else expired_waivers_usd
            end
            as decimal(38, 18)
        ) as recoupment_start_position_usd
    from starts
),

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
        cast(cumulative.waived_before_year_usd - recouped.recoupment_start_position_usd as decimal(38, 18))
            as recoupable_usd,
        cast(recouped.recoupment_end_position_usd - recouped.recoupment_start_position_usd as decimal(38, 18))
            as recouped_usd,
        recouped.recoupment_end_position_usd
    from cumulative
    inner join recouped
        on
            cumulative.agreement_id = recouped.agreement_id
            and cumulative.fund_id = recouped.fund_id
            and cumulative.fiscal_year_index = recouped.fiscal_year_index
)

select * from final
