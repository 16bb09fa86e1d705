{#-
    dbt-spark's session method (the `spark` target): what it needs besides model SQL.
    Dialect differences in model SQL are in portable.sql; these two macros are about
    getting data into a local, Hive-less Spark session.
-#}

{#-
    Register the `raw` source tables over parquet folders `<path>/<table>/` (written from a
    DuckDB warehouse's `raw` schema by `orchestration.spark_parity`). The session's catalog
    is in-memory, so this must run in the same process as the build, before it:
      dbt run-operation spark_register_raw --args '{path: /abs/raw_parquet}' --target spark
    External tables: dropping them never deletes the parquet files.
-#}
{% macro spark_register_raw(path) %}
    {%- if target.type != 'spark' -%}
        {{ exceptions.raise_compiler_error("spark_register_raw is for the spark target only") }}
    {%- endif -%}
    {%- set schemas = [] -%}
    {%- for node in graph.sources.values() if node.source_name == 'raw' -%}
        {%- if node.schema not in schemas -%}
            {%- do run_query('create database if not exists ' ~ node.schema) -%}
            {%- do schemas.append(node.schema) -%}
        {%- endif -%}
        {%- set table = node.schema ~ '.' ~ node.identifier -%}
        {%- do run_query('drop table if exists ' ~ table) -%}
        {%- do run_query("create table " ~ table ~ " using parquet location '"
                         ~ path ~ "/" ~ node.identifier ~ "'") -%}
        {%- do log('registered ' ~ table, info=True) -%}
    {%- endfor -%}
{% endmacro %}

{#-
    Seeds on the session method. dbt-spark's own `spark__load_csv_rows` substitutes values
    into the SQL text with Python `%` formatting and quotes them without escaping, so a text
    value with an apostrophe (metric_definitions) breaks the statement, blanks become the
    string 'None', and numbers go through float. Here every value is rendered as an escaped
    SQL literal: null for a blank, the exact decimal text for numbers.
-#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set batch_size = get_batch_size() -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(batch_size) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for col_name in agate_table.column_names -%}
                    {%- set inferred_type = adapter.convert_type(agate_table, loop.index0) -%}
                    {%- set type = column_override.get(col_name, inferred_type) -%}
                    {%- set value = row[loop.index0] -%}
                    cast({{ spark_seed_literal(value) }} as {{ type }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%})
                {%- if not loop.last %},
            {% endif -%}
            {%- endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.index0 == 0 -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements[0]) }}
{% endmacro %}

{% macro spark_seed_literal(value) -%}
    {%- if value is none -%}
        null
    {%- elif value is sameas true or value is sameas false -%}
        {{ 'true' if value else 'false' }}
    {%- elif value is number -%}
        {{ value }}
    {%- else -%}
        '{{ (value | string) | replace("\\", "\\\\") | replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}
