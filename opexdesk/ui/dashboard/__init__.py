"""The real-time operations dashboard (docs/metrics.md): charts, KPI tiles, KPI strip."""
