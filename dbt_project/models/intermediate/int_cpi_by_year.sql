{#-
    CPI-U and living wage for every year a metric may ask about: a year missing from a
    seed takes the latest earlier year's value; `cpi_base` is the latest seed year's CPI.
-#}
with

cpi as (select * from {{ ref('cpi_u_annual') }}),

living_wage as (select * from {{ ref('living_wage') }}),

years as (

    select distinct quarter_year as year from {{ ref('int_observable_quarters') }}

),

cpi_year as (

    select years.year, max(cpi.year) as cpi_year
    from years inner join cpi on cpi.year <= years.year
    group by years.year

),

living_wage_year as (

    select years.year, max(living_wage.year) as living_wage_year
    from years inner join living_wage on living_wage.year <= years.year
    group by years.year

),

base as (

    select cpi_u as cpi_base from cpi where year = (select max(latest.year) from cpi as latest)

),

final as (

    select
        years.year,
        cpi.cpi_u,
        living_wage.annual_living_wage_usd,
        base.cpi_base
    from years
    cross join base
    left join cpi_year on years.year = cpi_year.year
    left join cpi on cpi_year.cpi_year = cpi.year
    left join living_wage_year on years.year = living_wage_year.year
    left join living_wage on living_wage_year.living_wage_year = living_wage.year

)

select * from final
