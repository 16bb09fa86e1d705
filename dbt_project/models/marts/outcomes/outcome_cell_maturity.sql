{#-
    For every metric cell (metric × cohort_year × program_id × dimension × group_value)
    whose cohort has anyone in it: how many units the metric's cohort holds and how many of
    them are mature on as_of. A cell with no mature unit is `not_yet_observable` — its
    outcome window has not closed — which publishing must show as such, never as zero.
-#}
with

observations as (

    select o.metric_id, o.cohort_year, o.program_id, o.is_mature, b.dimension, b.group_value
    from {{ ref('fct_metric_observations') }} as o
    inner join {{ ref('brg_participation_subgroups') }} as b
        on o.sis_enrollment_id = b.sis_enrollment_id

),

metrics as (

    select metric_id, cohort_year, program_id, is_mature, dimension, group_value
    from observations
    where metric_id <> 'km_time_to_employment'
    union all
    select 'km_placement_180d', cohort_year, program_id, is_mature, dimension, group_value
    from observations
    where metric_id = 'km_time_to_employment'
    union all
    select 'km_median_days_to_employment', cohort_year, program_id, is_mature, dimension,
           group_value
    from observations
    where metric_id = 'km_time_to_employment'

),

scoped as (

    select metric_id, cohort_year, program_id, dimension, group_value, is_mature from metrics
    union all
    select metric_id, cohort_year, 'ALL', dimension, group_value, is_mature from metrics

),

final as (

    select
        metric_id,
        cohort_year,
        program_id,
        dimension,
        group_value,
        cast(count(*) as bigint) as cohort_units,
        cast(sum(case when is_mature then 1 else 0 end) as bigint) as mature_units,
        sum(case when is_mature then 1 else 0 end) = 0 as is_not_yet_observable
    from scoped
    group by metric_id, cohort_year, program_id, dimension, group_value

)

select * from final
