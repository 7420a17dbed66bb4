"""Models of the applications app; filled in by its own issue."""
