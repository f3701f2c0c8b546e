-- Recoupment, oldest first: the amount reimbursed in a fiscal year (int_expense_waiver_years_recouped)
-- split over the fiscal years whose waivers it repays. Each source year occupies the slice
-- [waived_before_year, waived_before_year + fiscal_year_waiver] of the fund's running total of
-- waivers; the recovery year repays the slice [start position, end position]; the overlap is
-- the amount of that source year repaid. One row per agreement, fund, recovery year and source year.
{#- expense_recoupment_fiscal_years null: no time limit (every earlier year's waiver is repayable) -#}
{%- set years_limit = (var('expense_recoupment_fiscal_years', none) | int)
    if var('expense_recoupment_fiscal_years', none) is not none
    else 'recovery.fiscal_year_number' %}
with

years as (
    select * from {{ ref('int_expense_waiver_years_recouped') }}
),

repaid_slices as (
    select
        recovery.agreement_id,
        recovery.fund_id,
        recovery.fiscal_year_start as recovery_fiscal_year_start,
        source_year.fiscal_year_start as source_fiscal_year_start,
        source_year.fiscal_year_waiver_usd as source_fiscal_year_waiver_usd,
        cast(
            greatest(
                0,
                least(
                    recovery.recoupment_end_position_usd,
                    source_year.waived_before_year_usd + source_year.fiscal_year_waiver_usd
                )
                - greatest(recovery.recoupment_start_position_usd, source_year.waived_before_year_usd)
            ) as decimal(38, 18)
        ) as recouped_usd
    from years as recovery
    inner join years as source_year
        on
            recovery.agreement_id = source_year.agreement_id
            and recovery.fund_id = source_year.fund_id
            and recovery.fiscal_year_number > source_year.fiscal_year_number
            and recovery.fiscal_year_number - {{ years_limit }} <= source_year.fiscal_year_number
),

final as (
    select
        {{ fund_fees.compound_key([
            'agreement_id', 'fund_id', 'recovery_fiscal_year_start', 'source_fiscal_year_start'
        ]) }} as expense_recoupment_id,
        agreement_id,
        fund_id,
        recovery_fiscal_year_start,
        source_fiscal_year_start,
        source_fiscal_year_waiver_usd,
        recouped_usd
    from repaid_slices
    where recouped_usd > 0
)

select * from final
