with

source as (

    select * from {{ source('raw', 'survey_responses') }}

),

renamed as (

    select
        response_id as survey_response_id,
        student_id as sis_student_id,
        program_id,
        survey_type,
        cast(responded_at as date) as responded_date,
        cast(satisfaction as integer) as satisfaction,
        cast(readiness as integer) as readiness,
        coalesce(would_recommend, 'U') as would_recommend_code,

        -- lineage
        _source_file as source_file,
        _row_number as source_row_number,
        _file_checksum as file_checksum,
        _loaded_at as loaded_at

    from source

)

select * from renamed
