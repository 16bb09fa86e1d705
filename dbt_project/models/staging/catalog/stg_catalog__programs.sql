with

source as (

    select * from {{ source('raw', 'programs') }}

),

renamed as (

    select
        program_id,
        program_name,
        credential_type,
        cip_code,
        target_soc_codes,
        cast(nominal_weeks as integer) as nominal_weeks,
        stacks_into as stacks_into_program_id,
        funder_ids,
        employer_partner_ids,

        -- lineage
        _source_file as source_file,
        _row_number as source_row_number,
        _file_checksum as file_checksum,
        _loaded_at as loaded_at

    from source

)

select * from renamed
