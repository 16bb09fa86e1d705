with

source as (

    select * from {{ source('raw', 'funders') }}

),

renamed as (

    select
        funder_id,
        funder_name,
        report_email,
        report_frequency,

        -- lineage
        _source_file as source_file,
        _row_number as source_row_number,
        _file_checksum as file_checksum,
        _loaded_at as loaded_at

    from source

)

select * from renamed
