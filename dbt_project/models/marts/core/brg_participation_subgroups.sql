{#-
    Participation × subgroup in long form (edu_wh's student-subgroup pattern): one row per
    participation and dimension, including dimension `all` (group `All`). Each participation
    carries a code per dimension (its consolidated attribute codes, its age band, its
    modality or `unknown` when blank); `dim_subgroups` turns the codes into the published
    groups, so every dimension covers everyone. Every metric is disaggregated by joining
    its observations to this bridge.
-#}
{%- set flags = ['first_generation', 'low_income', 'veteran', 'disability', 'english_learner'] -%}
with

participations as (

    select * from {{ ref('int_participations_as_of') }}

),

age_bands as (select * from {{ ref('age_bands') }}),

subgroups as (select * from {{ ref('dim_subgroups') }}),

coded as (

    select
        participations.*,
        coalesce(age_bands.label, 'Unknown') as age_band,
        coalesce(participations.modality, 'unknown') as modality_code
    from participations
    left join age_bands
        on participations.age_at_entry_years >= age_bands.min_age_years
        and (
            age_bands.max_age_years is null
            or participations.age_at_entry_years <= age_bands.max_age_years
        )

),

long_codes as (

    select sis_enrollment_id, 'all' as dimension, 'All' as group_code from coded
    union all
    select sis_enrollment_id, 'race_ethnicity', race_ethnicity_code from coded
    union all
    select sis_enrollment_id, 'sex', sex_code from coded
    union all
    select sis_enrollment_id, 'age_band', age_band from coded
    {%- for flag in flags %}
    union all
    select sis_enrollment_id, '{{ flag }}', {{ flag }}_code from coded
    {%- endfor %}
    union all
    select sis_enrollment_id, 'modality', modality_code from coded
    union all
    select sis_enrollment_id, 'race_ethnicity_x_sex', race_ethnicity_code || '|' || sex_code
    from coded

),

final as (

    select
        long_codes.sis_enrollment_id,
        long_codes.dimension,
        subgroups.group_value
    from long_codes
    inner join subgroups
        on long_codes.dimension = subgroups.dimension
        and long_codes.group_code = subgroups.group_code

)

select * from final
