{#-
    The published metric table of METRICS.md: one row per metric × cohort_year × program_id
    (`ALL` and each) × dimension × group_value with a non-zero denominator. Rates carry the
    Wilson 95% interval; medians and Kaplan–Meier estimates carry none.
-#}
with

definitions as (

    select metric_id, kind from {{ ref('metric_definitions') }}

),

scoped as (

    select * from {{ ref('fct_metric_observations_by_group') }}
    where is_mature

),

rates as (

    select
        scoped.metric_id, cohort_year, program_id, dimension, group_value,
        sum(case when is_success then 1 else 0 end) as numerator,
        count(*) as denominator
    from scoped
    inner join definitions on scoped.metric_id = definitions.metric_id
    where definitions.kind = 'rate'
    group by scoped.metric_id, cohort_year, program_id, dimension, group_value

),

medians as (

    select
        scoped.metric_id, cohort_year, program_id, dimension, group_value,
        count(*) as denominator,
        {{ median('observed_value') }} as value
    from scoped
    inner join definitions on scoped.metric_id = definitions.metric_id
    where definitions.kind = 'median'
    group by scoped.metric_id, cohort_year, program_id, dimension, group_value

),

km as (

    select * from {{ ref('km_estimates') }}

),

km_metrics as (

    -- one row per cell and Kaplan–Meier metric of metric_definitions (kind `km`)
    select
        definitions.metric_id,
        km.cohort_year, km.program_id, km.dimension, km.group_value,
        km.completers as denominator,
        case definitions.metric_id
            when 'km_placement_180d' then km.km_placement_180d
            when 'km_median_days_to_employment' then km.km_median_days_to_employment
        end as value
    from km
    cross join definitions
    where definitions.kind = 'km'

),

final as (

    select
        metric_id, cohort_year, program_id, dimension, group_value,
        cast(numerator as bigint) as numerator,
        cast(denominator as bigint) as denominator,
        cast(numerator as double) / denominator as value,
        -- clamped to [0, value] and [value, 1]: exact at 0/n and n/n despite rounding
        least(
            cast(numerator as double) / denominator,
            greatest(0.0, {{ wilson_bound('numerator', 'denominator', -1) }})
        ) as ci_low,
        greatest(
            cast(numerator as double) / denominator,
            least(1.0, {{ wilson_bound('numerator', 'denominator', 1) }})
        ) as ci_high
    from rates

    union all

    -- medians and Kaplan–Meier estimates: a value and a count, no numerator, no interval
    select
        metric_id, cohort_year, program_id, dimension, group_value,
        cast(null as bigint), cast(denominator as bigint), value,
        cast(null as double), cast(null as double)
    from (
        select metric_id, cohort_year, program_id, dimension, group_value, denominator, value
        from medians
        union all
        select metric_id, cohort_year, program_id, dimension, group_value, denominator, value
        from km_metrics
    ) as valued

)

select * from final
