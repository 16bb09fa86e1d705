with

source as (

    select * from {{ source('raw', 'employers') }}

),

renamed as (

    select
        employer_id,
        employer_name,
        fein as employer_fein,
        naics_code,
        size_band,

        -- lineage
        _source_file as source_file,
        _row_number as source_row_number,
        _file_checksum as file_checksum,
        _loaded_at as loaded_at

    from source

)

select * from renamed
