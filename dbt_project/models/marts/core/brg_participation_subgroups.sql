{#-
    Participation × subgroup in long form (edu_wh's student-subgroup pattern): one row per
    participation and dimension, including dimension `all` (group `All`). Every metric is
    disaggregated by joining its observations to this bridge.
-#}
{%- set flags = ['first_generation', 'low_income', 'veteran', 'disability', 'english_learner'] -%}
with

participations as (

    select * from {{ ref('int_participations_as_of') }}

),

sex_codes as (select * from {{ ref('sex_codes') }}),

yes_no as (select * from {{ ref('yes_no_unknown') }}),

age_bands as (select * from {{ ref('age_bands') }}),

labelled as (

    select
        p.sis_enrollment_id,
        p.race_ethnicity,
        sex_codes.label as sex,
        coalesce(age_bands.label, 'Unknown') as age_band,
        {%- for flag in flags %}
        {{ flag }}_label.label as {{ flag }},
        {%- endfor %}
        p.modality
    from participations as p
    left join sex_codes on p.sex_code = sex_codes.code
    left join age_bands
        on p.age_at_entry_years >= age_bands.min_age_years
        and (age_bands.max_age_years is null or p.age_at_entry_years <= age_bands.max_age_years)
    {%- for flag in flags %}
    left join yes_no as {{ flag }}_label on p.{{ flag }}_code = {{ flag }}_label.code
    {%- endfor %}

),

long_form as (

    select sis_enrollment_id, 'all' as dimension, 'All' as group_value from labelled
    union all
    select sis_enrollment_id, 'race_ethnicity', race_ethnicity from labelled
    union all
    select sis_enrollment_id, 'sex', sex from labelled
    union all
    select sis_enrollment_id, 'age_band', age_band from labelled
    {%- for flag in flags %}
    union all
    select sis_enrollment_id, '{{ flag }}', {{ flag }} from labelled
    {%- endfor %}
    union all
    select sis_enrollment_id, 'modality', coalesce(modality, 'Unknown') from labelled
    union all
    select sis_enrollment_id, 'race_ethnicity_x_sex', race_ethnicity || ' / ' || sex
    from labelled

),

final as (

    select * from long_form

)

select * from final
