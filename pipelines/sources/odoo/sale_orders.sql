-- One row per Odoo order, quotations included (status left_out): the sale.order export's rows
-- with an Order Reference (with the order lines ticked, an order's further lines leave it blank),
-- or, without that export, the fields each line of sale.order.line repeats from its order, as on
-- its order's first line.
with from_orders as (
    select
        name as order_id,
        date_order,
        partner_id,
        user_id,
        team_id,
        website_id,
        state as status,
        amount_untaxed,
        regexp_replace(currency_id, '^base\.', '') as currency,
        source_line
    from src_sale_order
    where name is not null
),

from_lines as (
    select
        order_id,
        min_by(date_order, source_line) as date_order,
        min_by(partner_id, source_line) as partner_id,
        min_by(user_id, source_line) as user_id,
        min_by(team_id, source_line) as team_id,
        min_by(state, source_line) as status,
        min(source_line) as source_line
    from src_sale_order_line
    where not getvariable('present_sale_order')
    group by order_id
)

select * from from_orders
union all by name
select * from from_lines
