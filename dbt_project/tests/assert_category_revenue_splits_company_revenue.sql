-- Category revenue splits each order's revenue exactly: per month the
-- categories add up to the company revenue (both rounded only at the end,
-- so allow half a cent per category row). Months of the run's window only.
with sales as (
    select * from {{ ref('mart_sales_monthly') }}
    where {{ sales_window_test_filter('month') }}
),

company as (
    select
        month,
        revenue
    from sales
    where grain = 'company'
),

categories as (
    select
        month,
        sum(revenue) as revenue,
        count(*) as categories
    from sales
    where grain = 'category'
    group by month
),

final as (
    select
        company.month,
        company.revenue as company_revenue,
        coalesce(categories.revenue, 0) as category_revenue,
        coalesce(categories.categories, 0) as categories
    from company
    left join categories on company.month = categories.month
)

select * from final
where abs(company_revenue - category_revenue) > 0.005 * categories
