{#-
    The one scoping of metric observations (METRICS.md, Disaggregation: every metric "for
    `dimension = 'all'` … and for each" dimension, "and for `program_id = 'ALL'` plus each
    program"): each observation once per subgroup of its participation
    (`brg_participation_subgroups`, `all` included) and once per program scope — its own
    program and `ALL`. `outcome_metrics`, `outcome_cell_maturity` and
    `km_time_to_employment` all aggregate this model. A view: it is large (units ×
    dimensions × 2) and each reader filters it at once.
-#}
{{ config(materialized='view') }}
with

observations as (

    select * from {{ ref('fct_metric_observations') }}

),

subgroups as (

    select * from {{ ref('brg_participation_subgroups') }}

),

program_scopes as (

    select 'own' as scope
    union all
    select 'ALL' as scope

),

final as (

    select
        observations.metric_id,
        observations.sis_enrollment_id,
        observations.unit_id,
        observations.cohort_year,
        case
            when program_scopes.scope = 'ALL' then 'ALL' else observations.program_id
        end as program_id,
        subgroups.dimension,
        subgroups.group_value,
        observations.is_success,
        observations.observed_value,
        observations.km_days,
        observations.is_km_event,
        observations.is_mature
    from observations
    inner join subgroups on observations.sis_enrollment_id = subgroups.sis_enrollment_id
    cross join program_scopes

)

select * from final
