{#-
    Every metric of METRICS.md in long form: one row per metric and unit of the metric's
    cohort. The rules are written in the five family models (`metrics/metric_*.sql`, one
    set of named columns `<metric>__is_in_cohort`, `__is_mature`, `__is_success` or
    `__value` per metric); this model only stacks them. `kind` picks the outcome column:
    `rate` → is_success, `median` → observed_value, `km` → the completer's time
    (both Kaplan–Meier metrics read the same times).
-#}
{%- set families = [
    ('metric_completion_credential', 'entry', 'completion_rate', 'rate'),
    ('metric_completion_credential', 'exit', 'credential_attainment_rate', 'rate'),
    ('metric_employment_earnings', 'exit', 'employment_rate_q2', 'rate'),
    ('metric_employment_earnings', 'exit', 'employment_rate_q4', 'rate'),
    ('metric_employment_earnings', 'exit', 'median_earnings_q2', 'median'),
    ('metric_employment_earnings', 'exit', 'median_earnings_q2_real', 'median'),
    ('metric_employment_earnings', 'exit', 'retention_same_employer', 'rate'),
    ('metric_employment_earnings', 'exit', 'living_wage_rate', 'rate'),
    ('metric_employment_earnings', 'exit', 'median_earnings_change_real', 'median'),
    ('metric_time_to_employment', 'exit', 'placement_rate_180d', 'rate'),
    ('metric_time_to_employment', 'exit', 'km_placement_180d', 'km'),
    ('metric_time_to_employment', 'exit', 'km_median_days_to_employment', 'km'),
    ('metric_placement_retention', 'exit', 'job_retention_180d', 'rate'),
    ('metric_placement_retention', 'exit', 'in_field_rate', 'rate'),
    ('metric_skills_stacking_surveys', 'entry', 'skill_gain_rate', 'rate'),
    ('metric_skills_stacking_surveys', 'exit', 'stack_rate_365d', 'rate'),
    ('metric_skills_stacking_surveys', 'exit', 'survey_response_rate', 'rate'),
    ('metric_skills_stacking_surveys', 'exit', 'satisfaction_top2_rate', 'rate'),
    ('metric_skills_stacking_surveys', 'exit', 'readiness_top2_rate', 'rate'),
] -%}
with

observations as (
    {% for family, basis, metric, kind in families %}
    select
        '{{ metric }}' as metric_id,
        sis_enrollment_id,
        unit_id,
        {{ basis }}_cohort_year as cohort_year,
        program_id,
        {{ metric ~ '__is_success' if kind == 'rate' else 'cast(null as boolean)' }}
            as is_success,
        {{ metric ~ '__value' if kind == 'median' else 'cast(null as double)' }}
            as observed_value,
        {{ 'km__days_to_employment_or_censoring' if kind == 'km' else 'cast(null as integer)' }}
            as km_days,
        {{ 'km__is_employment_start' if kind == 'km' else 'cast(null as boolean)' }}
            as is_km_event,
        {{ 'true' if kind == 'km' else metric ~ '__is_mature' }} as is_mature
    from {{ ref(family) }}
    where {{ 'true' if kind == 'km' else metric ~ '__is_in_cohort' }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (

    select * from observations

)

select * from final
