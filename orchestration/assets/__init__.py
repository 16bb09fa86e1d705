"""Asset modules, one room per stage: extract → dbt → publish."""
