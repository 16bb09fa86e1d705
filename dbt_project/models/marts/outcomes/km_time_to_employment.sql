{#-
    Kaplan–Meier survival of "not yet employed" for completers, per cohort × program
    (`ALL` and each) × dimension × group and per distinct time (days since exit).
    At a time with both events and censorings, the censored completers are still at risk:
    events come first. S(t) = Π over event times u ≤ t of (1 − d_u / n_u).
-#}
with

scoped as (

    -- both KM metrics share the completers' times (metric_time_to_employment); the curve
    -- is drawn once, from km_placement_180d's observations
    select * from {{ ref('fct_metric_observations_by_group') }}
    where metric_id = 'km_placement_180d' and is_mature

),

times as (

    select
        cohort_year, program_id, dimension, group_value,
        km_days as days_since_exit,
        sum(case when is_km_event then 1 else 0 end) as events,
        sum(case when is_km_event then 0 else 1 end) as censored,
        count(*) as leaving
    from scoped
    group by cohort_year, program_id, dimension, group_value, km_days

),

at_risk as (

    select
        *,
        sum(leaving) over (
            partition by cohort_year, program_id, dimension, group_value
            order by days_since_exit desc
            rows between unbounded preceding and current row
        ) as at_risk
    from times

),

factors as (

    select
        *,
        sum(case when events > 0 and events < at_risk
                 then ln(1 - cast(events as double) / at_risk) else 0 end) over (
            partition by cohort_year, program_id, dimension, group_value
            order by days_since_exit
            rows between unbounded preceding and current row
        ) as log_survival,
        sum(case when events > 0 and events = at_risk then 1 else 0 end) over (
            partition by cohort_year, program_id, dimension, group_value
            order by days_since_exit
            rows between unbounded preceding and current row
        ) as everyone_employed
    from at_risk

),

final as (

    select
        cohort_year,
        program_id,
        dimension,
        group_value,
        days_since_exit,
        at_risk,
        events,
        censored,
        -- rounded to 12 places so that products such as 3/4 × 2/3 are exactly 0.5 again
        case when everyone_employed > 0 then 0.0 else round(exp(log_survival), 12) end
            as survival
    from factors

)

select * from final
