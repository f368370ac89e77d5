-- metrics.md, Customers: |base(M+1)| = |base(M)| + new(M) + reactivated(M) - churned(M)
-- for every loaded month M whose next month is loaded too (company rows).
-- A window run rewrites months F..T, which can break the pairs (F-1, F) ..
-- (T, T+1): the months F-1 .. T+1 are read, and a pair with both months
-- outside F..T was checked when one of them was built.
with company as (
    select * from {{ ref('mart_customers_monthly') }}
    where
        segment is null
        and {{ sales_window_test_filter('month', months_back=1, months_forward=1) }}
),

final as (
    select
        this_month.month,
        next_month.base_customers as next_base_customers,
        this_month.base_customers
        + this_month.new_customers
        + this_month.reactivated_customers
        - this_month.churned_customers as expected_next_base_customers
    from company as this_month
    inner join company as next_month
        on next_month.month = {{ add_months('this_month.month', 1) }}
)

select * from final
where next_base_customers <> expected_next_base_customers
