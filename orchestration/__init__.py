"""Dagster code location of equipath: extraction, dbt, publishing."""
