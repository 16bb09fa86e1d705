{#- Each UI wage row linked to the one SIS student who ever had its SSN. -#}
with

wages as (

    select * from {{ ref('stg_wages__wage_records') }}

),

ssn_owners as (

    select * from {{ ref('int_identifier_owners') }} where identifier_kind = 'ssn'

),

final as (

    select
        wages.ssn_key,
        wages.wage_year,
        wages.wage_quarter,
        {{ quarter_index_of('wages.wage_year', 'wages.wage_quarter') }} as quarter_index,
        wages.employer_fein,
        wages.wages_usd,
        case when ssn_owners.student_count = 1 then ssn_owners.sis_student_id end
            as sis_student_id,
        case
            when ssn_owners.student_count = 1 then 'linked_by_ssn'
            when ssn_owners.student_count > 1 then 'ambiguous'
            else 'unlinked'
        end as match_status
    from wages
    left join ssn_owners on wages.ssn_key = ssn_owners.identifier_value

)

select * from final
