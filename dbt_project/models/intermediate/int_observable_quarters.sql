{#-
    Quarters whose UI wage records have landed (at least one loaded wage row, linked or
    not) and that ended on or before as_of. Any other quarter is unknown, never zero.
-#}
with

landed as (

    select distinct
        {{ quarter_index_of('wage_year', 'wage_quarter') }} as quarter_index
    from {{ ref('stg_wages__wage_records') }}

),

final as (

    select
        quarter_index,
        {{ quarter_year('quarter_index') }} as quarter_year,
        {{ quarter_first_day('quarter_index') }} as quarter_first_date,
        {{ quarter_last_day('quarter_index') }} as quarter_last_date
    from landed
    where {{ quarter_last_day('quarter_index') }} <= {{ as_of_date() }}

)

select * from final
