-- round_money rounds to cents: half_up sends halves away from zero,
-- half_even to the even cent. Cases worked by hand.
with
cases as (
    select cast('2.345' as decimal(38, 18)) as amount, 'half_up' as rounding_mode, cast('2.35' as decimal(38, 2)) as expected
    union all select cast('2.355' as decimal(38, 18)), 'half_up', cast('2.36' as decimal(38, 2))
    union all select cast('-2.345' as decimal(38, 18)), 'half_up', cast('-2.35' as decimal(38, 2))
    union all select cast('2.345' as decimal(38, 18)), 'half_even', cast('2.34' as decimal(38, 2))
    union all select cast('2.355' as decimal(38, 18)), 'half_even', cast('2.36' as decimal(38, 2))
    union all select cast('2.3450000001' as decimal(38, 18)), 'half_even', cast('2.35' as decimal(38, 2))
    union all select cast('-2.345' as decimal(38, 18)), 'half_even', cast('-2.34' as decimal(38, 2))
    union all select cast('8493.150684931506849315' as decimal(38, 18)), 'half_up', cast('8493.15' as decimal(38, 2))
)

select
    amount,
    rounding_mode,
    expected,
    {{ fund_fees.round_money('amount', 'rounding_mode') }} as actual
from cases
where {{ fund_fees.round_money('amount', 'rounding_mode') }} <> expected
