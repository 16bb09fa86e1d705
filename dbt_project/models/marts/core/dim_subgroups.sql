{#-
    Every group of every disaggregation dimension (METRICS.md, Disaggregation), built from
    the seeds as edu_wh's dim_subgroup: one row per dimension × group, with the code a
    participation carries (`group_code`), the value published in `outcome_metrics`
    (`group_value`), a display label and sort orders. `brg_participation_subgroups` maps
    participations onto these rows; publishing copies labels and sort orders into the tier
    files, which dashboards and reports read.

    `group_value` is the label, except for modality, which publishes its codes (`online`,
    …) as it always has, and `Unknown` for a blank modality (seed code `unknown`).
    race_ethnicity_x_sex is every race group × sex group, `<race> / <sex>`.
-#}
{%- set flags = ['first_generation', 'low_income', 'veteran', 'disability', 'english_learner'] -%}
with

dimensions as (select * from {{ ref('disaggregation_dimensions') }}),

races as (select * from {{ ref('ipeds_race_ethnicity') }}),

sexes as (select * from {{ ref('sex_codes') }}),

age_bands as (select * from {{ ref('age_bands') }}),

yes_no_unknown as (select * from {{ ref('yes_no_unknown') }}),

modalities as (select * from {{ ref('modalities') }}),

groups as (

    select 'all' as dimension, 'All' as group_code, 'All' as group_value, 'All' as group_label,
           0 as group_sort
    union all
    select 'race_ethnicity', code, label, label as group_label, sort_order from races
    union all
    select 'sex', code, label, label as group_label, sort_order from sexes
    union all
    select 'age_band', label, label as group_value, label as group_label, sort_order
    from age_bands
    {%- for flag in flags %}
    union all
    select '{{ flag }}', code, label, label as group_label, sort_order from yes_no_unknown
    {%- endfor %}
    union all
    select
        'modality', code, case when code = 'unknown' then label else code end, label, sort_order
    from modalities
    union all
    select
        'race_ethnicity_x_sex',
        races.code || '|' || sexes.code,
        races.label || ' / ' || sexes.label,
        races.label || ' / ' || sexes.label,
        races.sort_order * 10 + sexes.sort_order
    from races
    cross join sexes

),

final as (

    select
        groups.dimension,
        dimensions.label as dimension_label,
        dimensions.sort_order as dimension_sort,
        groups.group_code,
        groups.group_value,
        groups.group_label,
        cast(groups.group_sort as integer) as group_sort
    from groups
    inner join dimensions on groups.dimension = dimensions.dimension

)

select * from final
