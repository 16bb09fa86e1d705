with

source as (

    select * from {{ source('raw', 'credential_awards') }}

),

renamed as (

    select
        award_id as sis_award_id,
        student_id as sis_student_id,
        program_id,
        cast(award_date as date) as award_date,
        credential_name,
        badge_url,

        -- lineage
        _source_file as source_file,
        _row_number as source_row_number,
        _file_checksum as file_checksum,
        _loaded_at as loaded_at

    from source

)

select * from renamed
