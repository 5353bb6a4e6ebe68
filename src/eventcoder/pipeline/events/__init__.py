"""Stage 8, event decisions: each trigger weighed by an ordered list of named rules, then recorded as an event."""
