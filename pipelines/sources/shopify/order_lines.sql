-- Every row of the export is a line item. Its order's amount is split over the lines in
-- proportion to their gross (quantity x price) as one discount fraction, so the lines add up to
-- the Subtotal (to the discount's six decimals). A line whose order has no first row keeps its
-- Name as order_id, and the contract's reference check names its line.
with lines as (
    select
        name,
        row_number() over (partition by name order by source_line) as line_no,
        coalesce(lineitem_sku, lineitem_name, 'unspecified') as product_id,
        lineitem_quantity as quantity,
        lineitem_price as price,
        source_line
    from src_orders_export
),

gross as (
    select
        name,
        sum(quantity * price) as gross
    from lines
    group by name
),

final as (
    select
        coalesce(parts.order_id, lines.name) as order_id,
        lines.line_no,
        lines.product_id,
        lines.quantity,
        case when parts.amount = 0 then 0 else lines.price end as unit_price,
        case
            when parts.name is null or parts.amount = 0 or gross.gross = 0 then 0
            else round(1 - parts.amount / gross.gross, 6)
        end as discount,
        parts.status,
        lines.source_line
    from lines
    inner join gross on lines.name = gross.name
    left join order_parts as parts on lines.name = parts.name
)

select * exclude (status)
from final
where status is distinct from 'left_out'
