-- Issue 4 "done when": the trustees' report shows the 2001 to 2002 roster change. 2001 Q1:
-- the 32 Series enter on 2001-01-31. 2002 Q1 ends with 32 funds on the roster; 2002 Q2 ends
-- with 38, the six entering on 2002-05-16 being the five Mellon Capital index funds and
-- ppm_value; no fund leaves the plan. Returns the summary row when any figure differs.
with

report as (
    select * from {{ ref('rpt_brokerage_plan_trustees_quarterly') }}
),

summary as (
    select
        sum(
            case
                when
                    line_type = 'fund_entered_plan'
                    and event_date = cast('2001-01-31' as date)
                    then 1
                else 0
            end
        ) as entered_2001,
        max(
            case
                when line_type = 'funds_on_roster' and quarter_start = cast('2002-01-01' as date)
                    then fund_count
            end
        ) as on_roster_2002_q1,
        max(
            case
                when line_type = 'funds_on_roster' and quarter_start = cast('2002-04-01' as date)
                    then fund_count
            end
        ) as on_roster_2002_q2,
        sum(
            case
                when
                    line_type = 'fund_entered_plan'
                    and event_date = cast('2002-05-16' as date)
                    and fund_id in (
                        'mellon_sp500_index',
                        'mellon_sp400_mid_cap_index',
                        'mellon_small_cap_index',
                        'mellon_international_index',
                        'mellon_bond_index',
                        'ppm_value'
                    )
                    then 1
                else 0
            end
        ) as expected_entries_2002,
        sum(
            case
                when line_type = 'fund_entered_plan' and event_date > cast('2001-01-31' as date) then 1
                else 0
            end
        ) as all_entries_after_2001,
        sum(case when line_type = 'fund_left_plan' then 1 else 0 end) as exits
    from report
)

select
    entered_2001,
    on_roster_2002_q1,
    on_roster_2002_q2,
    expected_entries_2002,
    all_entries_after_2001,
    exits
from summary
where
    entered_2001 <> 32
    or on_roster_2002_q1 is distinct from 32
    or on_roster_2002_q2 is distinct from 38
    or expected_entries_2002 <> 6
    or all_entries_after_2001 <> 6
    or exits <> 0
