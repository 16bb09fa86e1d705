"""Streamlit dashboards over the published tier files (never the warehouse)."""
