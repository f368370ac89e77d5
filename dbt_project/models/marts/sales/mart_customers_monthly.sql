{%- set window_months = customer_window_months() | int -%}

-- Months M-1 .. window end are computed (M-1 for the _prev columns); each
-- needs the W months before it as the customer base.
with loaded_months as (
    select month from {{ ref('int_sales__loaded_months') }}
    where {{ in_sales_window('month', 1) }}
),

completed_orders as (
    select * from {{ ref('fct_orders') }}
    where
        status = 'completed'
        and {{ in_sales_window('month', window_months + 1) }}
),

customers as (
    select * from {{ ref('stg_crm__customers') }}
    where {{ in_sales_window('batch_month', 1) }}
),

customer_activity as (
    select
        month,
        customer_id,
        max(case when is_first_order then 1 else 0 end) as is_first_month
    from completed_orders
    group by month, customer_id
),

-- Every customer active in M or in the W months before it, with where M
-- leaves them.
customer_states as (
    select
        loaded_months.month,
        customer_activity.customer_id,
        max(case when customer_activity.month = loaded_months.month then 1 else 0 end) as is_active,
        max(
            case when customer_activity.month = loaded_months.month then customer_activity.is_first_month else 0 end
        ) as is_new,
        max(case when customer_activity.month < loaded_months.month then 1 else 0 end) as in_base,
        max(
            case when customer_activity.month < loaded_months.month then customer_activity.month end
        ) as last_month_in_base
    from loaded_months
    inner join customer_activity
        on
            customer_activity.month
            between {{ add_months('loaded_months.month', -window_months) }} and loaded_months.month
    group by loaded_months.month, customer_activity.customer_id
),

classified as (
    select
        customer_states.month,
        customer_states.customer_id,
        coalesce(customers.segment, 'unknown') as segment,
        customer_states.in_base = 1 as is_base,
        customer_states.is_active = 1 as is_active,
        customer_states.is_new = 1 as is_new,
        customer_states.in_base = 1 and customer_states.is_active = 1 as is_retained,
        customer_states.is_active = 1
        and customer_states.is_new = 0
        and customer_states.in_base = 0 as is_reactivated,
        -- leaves the base now: its last order is about to fall out of the window
        customer_states.in_base = 1
        and customer_states.is_active = 0
        and customer_states.last_month_in_base
        = {{ add_months('customer_states.month', -window_months) }} as is_churned
    from customer_states
    left join customers
        on
            customer_states.customer_id = customers.customer_id
            and customer_states.month = customers.batch_month
),

segment_counts as (
    select
        month,
        segment,
        count(case when is_base then customer_id end) as base_customers,
        count(case when is_active then customer_id end) as active_customers,
        count(case when is_new then customer_id end) as new_customers,
        count(case when is_retained then customer_id end) as retained_customers,
        count(case when is_reactivated then customer_id end) as reactivated_customers,
        count(case when is_churned then customer_id end) as churned_customers
    from classified
    group by month, segment
),

-- The company row exists for every loaded month, customers or not.
company_counts as (
    select
        loaded_months.month,
        null as segment,
        count(case when classified.is_base then classified.customer_id end) as base_customers,
        count(case when classified.is_active then classified.customer_id end) as active_customers,
        count(case when classified.is_new then classified.customer_id end) as new_customers,
        count(case when classified.is_retained then classified.customer_id end) as retained_customers,
        count(case when classified.is_reactivated then classified.customer_id end) as reactivated_customers,
        count(case when classified.is_churned then classified.customer_id end) as churned_customers
    from loaded_months
    left join classified on loaded_months.month = classified.month
    group by loaded_months.month
),

all_counts as (
    select * from company_counts
    union all
    select * from segment_counts
),

with_rates as (
    select
        *,
        {{ ratio('retained_customers', 'base_customers') }} as repeat_purchase_rate,
        {{ ratio('churned_customers', 'base_customers') }} as churn_rate
    from all_counts
),

compared as (
    select
        current_month.*,
        {{ value_in_loaded_month('prev_month', 'prev_metrics.base_customers') }} as base_customers_prev,
        {{ value_in_loaded_month('prev_month', 'prev_metrics.active_customers') }} as active_customers_prev,
        {{ value_in_loaded_month('prev_month', 'prev_metrics.new_customers') }} as new_customers_prev,
        {{ value_in_loaded_month('prev_month', 'prev_metrics.churned_customers') }} as churned_customers_prev,
        prev_metrics.repeat_purchase_rate as repeat_purchase_rate_prev,
        prev_metrics.churn_rate as churn_rate_prev,
        {%- for metric in ['new', 'retained', 'reactivated', 'churned', 'base'] %}
        current_month.{{ metric }}_customers - {{ value_in_loaded_month(
            'prev_month', 'prev_metrics.' ~ metric ~ '_customers'
        ) }} as {{ metric }}_customers_mom_delta,
        {%- endfor %}
        cast(
            current_month.repeat_purchase_rate - prev_metrics.repeat_purchase_rate as decimal(18, 6)
        ) as repeat_purchase_rate_mom_delta,
        cast(current_month.churn_rate - prev_metrics.churn_rate as decimal(18, 6)) as churn_rate_mom_delta
    from with_rates as current_month
    left join loaded_months as prev_month
        on prev_month.month = {{ add_months('current_month.month', -1) }}
    left join with_rates as prev_metrics
        on
            prev_month.month = prev_metrics.month
            and current_month.segment is not distinct from prev_metrics.segment
    where {{ in_sales_window('current_month.month') }}
),

final as (
    select
        month,
        segment,
        base_customers,
        active_customers,
        new_customers,
        retained_customers,
        reactivated_customers,
        churned_customers,
        repeat_purchase_rate,
        churn_rate,
        base_customers_prev,
        active_customers_prev,
        new_customers_prev,
        churned_customers_prev,
        repeat_purchase_rate_prev,
        churn_rate_prev,
        new_customers_mom_delta,
        retained_customers_mom_delta,
        reactivated_customers_mom_delta,
        churned_customers_mom_delta,
        base_customers_mom_delta,
        repeat_purchase_rate_mom_delta,
        churn_rate_mom_delta
    from compared
)

select * from final
