with

source as (

    select * from {{ source('raw', 'wages') }}

),

renamed as (

    select
        ssn_key,
        cast(year as integer) as wage_year,
        cast(quarter as integer) as wage_quarter,
        employer_fein,
        naics_code,
        cast(wages as decimal(18, 2)) as wages_usd,

        -- lineage
        _source_file as source_file,
        _row_number as source_row_number,
        _file_checksum as file_checksum,
        _loaded_at as loaded_at

    from source

)

select * from renamed
