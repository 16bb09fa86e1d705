{#-
    Use a node's custom schema name as-is (`staging`, `intermediate`, `marts`,
    `reference`) instead of dbt's default `<target_schema>_<custom_schema>`: the warehouse
    has one fixed layout that the loader (`raw`), Dagster and the dashboards all name.
    Nodes without a custom schema fall back to the target's schema.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
