-- Only months whose surveys file was provided: elsewhere the report says
-- "not provided" rather than showing an empty score.
with survey_months as (
    select month from {{ ref('int_sales__loaded_months') }}
    where
        surveys_provided
        and {{ in_sales_window('month', 1) }}
),

surveys as (
    select * from {{ ref('stg_crm__surveys') }}
    where {{ in_sales_window('batch_month', 1) }}
),

customers as (
    select * from {{ ref('stg_crm__customers') }}
    where {{ in_sales_window('batch_month', 1) }}
),

responses as (
    select
        survey_months.month,
        surveys.response_id,
        coalesce(customers.segment, 'unknown') as segment,
        surveys.score,
        surveys.csat
    from survey_months
    inner join surveys
        on {{ month_start('surveys.response_date') }} = survey_months.month
    left join customers
        on
            surveys.customer_id = customers.customer_id
            and survey_months.month = customers.batch_month
),

-- The company row exists for every month with a surveys file, even an empty one.
company_scores as (
    select
        survey_months.month,
        null as segment,
        count(responses.response_id) as responses,
        count(case when responses.score >= 9 then 1 end) as promoters,
        count(case when responses.score between 7 and 8 then 1 end) as passives,
        count(case when responses.score <= 6 then 1 end) as detractors,
        avg(responses.csat) as csat_mean
    from survey_months
    left join responses on survey_months.month = responses.month
    group by survey_months.month
),

segment_scores as (
    select
        month,
        segment,
        count(response_id) as responses,
        count(case when score >= 9 then 1 end) as promoters,
        count(case when score between 7 and 8 then 1 end) as passives,
        count(case when score <= 6 then 1 end) as detractors,
        avg(csat) as csat_mean
    from responses
    group by month, segment
),

all_scores as (
    select * from company_scores
    union all
    select * from segment_scores
),

with_nps as (
    select
        *,
        cast(round(100.0 * (promoters - detractors) / nullif(responses, 0), 2) as decimal(9, 2)) as nps,
        cast(round(csat_mean, 2) as decimal(9, 2)) as csat_avg
    from all_scores
),

final as (
    select
        current_month.month,
        current_month.segment,
        current_month.responses,
        current_month.promoters,
        current_month.passives,
        current_month.detractors,
        current_month.nps,
        current_month.csat_avg,
        prev_month.nps as nps_prev,
        prev_month.csat_avg as csat_avg_prev,
        current_month.nps - prev_month.nps as nps_mom_delta
    from with_nps as current_month
    left join with_nps as prev_month
        on
            prev_month.month = {{ add_months('current_month.month', -1) }}
            and current_month.segment is not distinct from prev_month.segment
    where {{ in_sales_window('current_month.month') }}
)

select * from final
