{#- One row per program of the catalog, with what it stacks into and who funds it. -#}
with

programs as (

    select * from {{ ref('stg_catalog__programs') }}

),

final as (

    select
        program_id,
        program_name,
        credential_type,
        cip_code,
        target_soc_codes,
        nominal_weeks,
        stacks_into_program_id,
        funder_ids,
        employer_partner_ids
    from programs

)

select * from final
