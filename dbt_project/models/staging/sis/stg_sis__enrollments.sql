with

source as (

    select * from {{ source('raw', 'enrollments') }}

),

renamed as (

    select
        enrollment_id as sis_enrollment_id,
        student_id as sis_student_id,
        program_id,
        cast(entry_date as date) as entry_date,
        cast(exit_date as date) as exit_date,
        exit_status,
        modality,

        -- lineage
        _source_file as source_file,
        _row_number as source_row_number,
        _file_checksum as file_checksum,
        _loaded_at as loaded_at

    from source

)

select * from renamed
