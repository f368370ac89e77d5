-- A customer is an Account an opportunity names, with its Name and BillingCountry from
-- Account.csv; without that file (or that account in it) it is named by its id. An opportunity
-- without an account is of the customer "unspecified".
with accounts as (
    select
        left(id, 15) as customer_id,
        name,
        billing_country
    from src_account
    where not is_deleted and active
)

select
    named.customer_id,
    coalesce(accounts.name, named.customer_id) as name,
    cast(null as varchar) as segment,
    accounts.billing_country as region,
    cast(null as date) as created_date,
    named.source_line
from (
    select
        coalesce(account_id, 'unspecified') as customer_id,
        min(source_line) as source_line
    from sf_opportunities
    group by all
) as named
left join accounts on named.customer_id = accounts.customer_id
