-- The lines of the opportunities won in the month: their OpportunityLineItem rows that are not deleted, or,
-- for a won opportunity without any (no line items exported, or none entered), one line at its
-- Amount of one "unspecified" product. A line item whose opportunity is not in the export keeps
-- its opportunity id, and the contract's reference check names its line.
with items as (
    select
        left(items.opportunity_id, 15) as order_id,
        coalesce(left(items.product_id, 15), 'unspecified') as product_id,
        items.quantity,
        items.unit_price,
        items.discount,
        items.source_line
    from src_opportunity_line_item as items
    where not items.is_deleted and items.active
),

-- Lines of open, lost or deleted opportunities, and of those won in another month, are no sale
-- of this month; those of an opportunity no row of the export names are kept, as orphans.
sold as (
    select items.*
    from items
    left join sf_opportunities as opportunities on items.order_id = opportunities.opportunity_id
    where
        (opportunities.stage = 'won' and opportunities.closed_in_month)
        or items.order_id not in (select left(id, 15) from src_opportunity)
),

priced as (
    select
        opportunity_id as order_id,
        'unspecified' as product_id,
        1 as quantity,
        amount as unit_price,
        0 as discount,
        source_line
    from sf_opportunities
    where stage = 'won' and closed_in_month and opportunity_id not in (select order_id from items)
)

select * from sold
union all by name
select * from priced
