{#-
    For every metric cell (metric × cohort_year × program_id × dimension × group_value)
    whose cohort has anyone in it: how many units the metric's cohort holds and how many of
    them are mature on as_of. A cell with no mature unit is `not_yet_observable` — its
    outcome window has not closed — which publishing must show as such, never as zero.
-#}
with

scoped as (

    select * from {{ ref('fct_metric_observations_by_group') }}

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
