{#-
    What is this? The Pathways flows against `outcome_metrics`: for every cohort × program,
    the stacked flow is the stack_rate_365d numerator (dimension all) and the two flows add
    up to its denominator. Fails with one row per cohort × program that disagrees.
    When does it matter? The Sankey and the stack rate are read side by side; a drift in
    either rule would show two different numbers for one fact.
    How to resolve? Compare `pathway_flows` with `fct_metric_observations` for the
    stack_rate_365d units of that cohort × program.
-#}
with

flows as (

    select
        cohort_year,
        from_program_id,
        sum(case when to_program_id <> '(none)' then stackers else 0 end) as stacked,
        sum(stackers) as total
    from {{ ref('pathway_flows') }}
    where not is_not_yet_observable
    group by cohort_year, from_program_id

),

rates as (

    select cohort_year, program_id, numerator, denominator
    from {{ ref('outcome_metrics') }}
    where metric_id = 'stack_rate_365d' and dimension = 'all' and program_id <> 'ALL'

)

select
    coalesce(f.cohort_year, r.cohort_year) as cohort_year,
    coalesce(f.from_program_id, r.program_id) as program_id,
    f.stacked,
    f.total,
    r.numerator,
    r.denominator
from flows as f
full outer join rates as r
    on f.cohort_year = r.cohort_year and f.from_program_id = r.program_id
where f.stacked is null
    or r.numerator is null
    or f.stacked <> r.numerator
    or f.total <> r.denominator
