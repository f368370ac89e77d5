-- The lines of the month's orders: their line items, or for a deal without line items one line at
-- its Amount, of one "unspecified" product. A line item whose deal is not in the deals export
-- keeps its deal id, and the contract's reference check names its line; those of deals that are
-- not this month's orders (open, lost, deleted, won in another month) are no sales of the month.
with items as (
    select
        coalesce(item.deal_id, assoc.deal_id) as deal_id,
        coalesce(item.product_id, item.name, 'unspecified') as product_id,
        coalesce(item.name, item.product_id, 'unspecified') as name,
        item.quantity,
        item.price,
        -- A discount is a percentage, or an amount off each unit: as a fraction of the price.
        coalesce(
            item.discount_percentage,
            case when item.price > 0 then item.discount_amount / item.price end,
            0
        ) as discount,
        item.source_line
    from src_line_item as item
    left join src_line_item_deal as assoc on item.line_item_id = assoc.line_item_id
    where not item.is_deleted
),

sold as (
    select items.*
    from items
    left join src_deal as deal on items.deal_id = deal.deal_id
    where deal.deal_id is null or items.deal_id in (select deal_id from month_deals where is_order)
),

amounts as (
    select
        deal_id,
        'unspecified' as product_id,
        'unspecified' as name,
        1 as quantity,
        amount as price,
        0 as discount,
        source_line
    from month_deals
    where is_order and deal_id not in (select deal_id from items where deal_id is not null)
)

select * from sold
union all by name
select * from amounts
