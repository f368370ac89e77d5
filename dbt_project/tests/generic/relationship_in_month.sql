{#- Rows whose `column_name` has no match in `to`.`field` in the same month.
    Stricter than dbt's relationships (a key of any month would do), as the
    extract contract is: a reference points into the same month folder. The
    parent is read for the run's window only (sales_window_test_filter), like
    the tested model (`where` config), so the cost follows the window and not
    the history. `to_month`: the parent's month column (batch_month for
    staging snapshots, month for marts). -#}
{% test relationship_in_month(model, column_name, to, field, to_month='batch_month') %}

with child as (
    select
        month,
        {{ column_name }} as from_field
    from {{ model }}
    where {{ column_name }} is not null
),

parent as (
    select
        {{ to_month }} as month,
        {{ field }} as to_field
    from {{ to }}
    where {{ sales_window_test_filter(to_month) }}
)

select
    child.month,
    child.from_field
from child
left join parent
    on
        child.month = parent.month
        and child.from_field = parent.to_field
where parent.to_field is null

{% endtest %}
