with orders as (
    select * from {{ ref('stg_crm__orders') }}
    where {{ in_sales_window('batch_month') }}
),

order_lines as (
    select * from {{ ref('stg_crm__order_lines') }}
    where {{ in_sales_window('batch_month') }}
),

products as (
    select * from {{ ref('stg_crm__products') }}
    where {{ in_sales_window('batch_month') }}
),

daily_rates as (
    select * from {{ ref('stg_crm__fx_rates') }}
    where rate_date is not null and {{ in_sales_window('batch_month') }}
),

-- the window's rates and, for the constant-currency amounts, those of M-1 and M-12
month_rates as (
    select * from {{ ref('int_sales__fx_month_rates') }}
    where {{ in_sales_window_and_comparisons('month', [1, 12]) }}
),

-- an order's date picks its daily rate; a date without one takes the last
-- earlier one of the month (weekends, holidays)
order_daily_rates as (
    select
        orders.order_id,
        orders.batch_month,
        daily_rates.rate_to_reporting
    from orders
    inner join daily_rates
        on
            orders.batch_month = daily_rates.batch_month
            and orders.currency = daily_rates.currency
            and orders.order_date >= daily_rates.rate_date
    qualify row_number() over (
        partition by orders.order_id, orders.batch_month order by daily_rates.rate_date desc
    ) = 1
),

-- before the month's first daily rate, or without daily rates, the month rate
-- applies; the contract refuses a month with a currency it has no rate for
order_rates as (
    select
        orders.order_id,
        orders.batch_month,
        orders.currency,
        {{ to_reporting_rate(
            'orders.currency', 'coalesce(order_daily_rates.rate_to_reporting, current_rates.month_rate)'
        ) }} as fx_rate,
        {{ to_reporting_rate('orders.currency', 'prev_rates.month_rate') }} as fx_rate_prev_month,
        {{ to_reporting_rate('orders.currency', 'ly_rates.month_rate') }} as fx_rate_ly
    from orders
    left join order_daily_rates
        on
            orders.order_id = order_daily_rates.order_id
            and orders.batch_month = order_daily_rates.batch_month
    left join month_rates as current_rates
        on
            orders.batch_month = current_rates.month
            and orders.currency = current_rates.currency
    left join month_rates as prev_rates
        on
            prev_rates.month = {{ add_months('orders.batch_month', -1) }}
            and orders.currency = prev_rates.currency
    left join month_rates as ly_rates
        on
            ly_rates.month = {{ add_months('orders.batch_month', -12) }}
            and orders.currency = ly_rates.currency
),

lines as (
    select
        order_lines.order_id,
        order_lines.line_no,
        -- the contract keeps order_date inside its folder's month, so the
        -- batch month is the order month
        orders.batch_month as month,
        orders.order_date,
        order_lines.product_id,
        products.category,
        order_lines.quantity,
        order_lines.unit_price,
        order_lines.discount,
        order_rates.currency,
        order_rates.fx_rate,
        order_rates.fx_rate_prev_month,
        order_rates.fx_rate_ly,
        cast(
            order_lines.quantity * order_lines.unit_price * (1 - order_lines.discount)
            as decimal(38, 10)
        ) as line_revenue_transaction,
        orders.status,
        orders.customer_id,
        orders.rep_id,
        orders.channel
    from order_lines
    inner join orders
        on
            order_lines.order_id = orders.order_id
            and order_lines.batch_month = orders.batch_month
    inner join order_rates
        on
            orders.order_id = order_rates.order_id
            and orders.batch_month = order_rates.batch_month
    left join products
        on
            order_lines.product_id = products.product_id
            and order_lines.batch_month = products.batch_month
),

final as (
    select
        order_id,
        line_no,
        month,
        order_date,
        product_id,
        category,
        quantity,
        unit_price,
        discount,
        currency,
        fx_rate,
        line_revenue_transaction,
        {{ converted('line_revenue_transaction', 'fx_rate') }} as line_revenue,
        -- constant currency: the same line at the comparison month's rate
        {{ converted('line_revenue_transaction', 'fx_rate_prev_month') }} as line_revenue_at_prev_month_rates,
        {{ converted('line_revenue_transaction', 'fx_rate_ly') }} as line_revenue_at_ly_rates,
        status,
        customer_id,
        rep_id,
        channel
    from lines
)

select * from final
