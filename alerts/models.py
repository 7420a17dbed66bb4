"""Models of the alerts app; filled in by its own issue."""
