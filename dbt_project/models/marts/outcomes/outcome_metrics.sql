{#-
    The published metric table of METRICS.md: one row per metric × cohort_year × program_id
    (`ALL` and each) × dimension × group_value with a non-zero denominator. Rates carry the
    Wilson 95% interval; medians and Kaplan–Meier estimates carry none.
-#}
with

definitions as (

    select metric_id, kind from {{ ref('metric_definitions') }}

),

observations as (

    select o.*, b.dimension, b.group_value
    from {{ ref('fct_metric_observations') }} as o
    inner join {{ ref('brg_participation_subgroups') }} as b
        on o.sis_enrollment_id = b.sis_enrollment_id
    where o.is_mature

),

scoped as (

    select metric_id, cohort_year, program_id, dimension, group_value,
           is_success, observed_value
    from observations
    union all
    select metric_id, cohort_year, 'ALL', dimension, group_value, is_success, observed_value
    from observations

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

    select * from {{ ref('km_time_to_employment') }}

),

km_cells as (

    select
        cohort_year, program_id, dimension, group_value,
        sum(leaving_count) as completers
    from (
        select cohort_year, program_id, dimension, group_value, events + censored as leaving_count
        from km
    ) as k
    group by cohort_year, program_id, dimension, group_value

),

km_at_180 as (

    select
        cohort_year, program_id, dimension, group_value,
        min(survival) as survival_at_180
    from km
    where days_since_exit <= 180
    group by cohort_year, program_id, dimension, group_value

),

km_median as (

    -- smallest event time with S(t) ≤ 0.5 (a 1e-12 tolerance absorbs exp/ln rounding)
    select
        cohort_year, program_id, dimension, group_value,
        min(days_since_exit) as median_days
    from km
    where events > 0 and survival <= 0.5 + 1e-12
    group by cohort_year, program_id, dimension, group_value

),

km_metrics as (

    select
        'km_placement_180d' as metric_id,
        c.cohort_year, c.program_id, c.dimension, c.group_value,
        c.completers as denominator,
        1 - coalesce(k180.survival_at_180, 1.0) as value
    from km_cells as c
    left join km_at_180 as k180
        on c.cohort_year = k180.cohort_year and c.program_id = k180.program_id
        and c.dimension = k180.dimension and c.group_value = k180.group_value

    union all

    select
        'km_median_days_to_employment',
        c.cohort_year, c.program_id, c.dimension, c.group_value,
        c.completers,
        cast(m.median_days as double)
    from km_cells as c
    left join km_median as m
        on c.cohort_year = m.cohort_year and c.program_id = m.program_id
        and c.dimension = m.dimension and c.group_value = m.group_value

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

    select
        metric_id, cohort_year, program_id, dimension, group_value,
        cast(null as bigint), cast(denominator as bigint), value,
        cast(null as double), cast(null as double)
    from medians

    union all

    select
        metric_id, cohort_year, program_id, dimension, group_value,
        cast(null as bigint), cast(denominator as bigint), value,
        cast(null as double), cast(null as double)
    from km_metrics

)

select * from final
