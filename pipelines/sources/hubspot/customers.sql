-- A customer is a company the month's deals name (a deal without one: "unspecified"), with its
-- name, country and creation date from company.csv when delivered, else named by the export's
-- Associated Company, else by its id. Segments are not HubSpot company fields.
with named as (
    select
        coalesce(company_id, 'unspecified') as customer_id,
        max_by(company_name, source_line) as company_name,
        min(source_line) as source_line
    from month_deals
    group by all
),

companies as (
    select * from src_company
    where not is_deleted
)

select
    named.customer_id,
    coalesce(companies.name, named.company_name, named.customer_id) as name,
    cast(null as varchar) as segment,
    companies.country as region,
    cast(timezone(getvariable('timezone'), companies.create_date) as date) as created_date,
    coalesce(companies.source_line, named.source_line) as source_line
from named
left join companies on named.customer_id = companies.company_id
