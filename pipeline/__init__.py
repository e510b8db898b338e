"""Extract justice events from human-rights reports (see ../shared/spec/events.md)."""

__version__ = "0.1.0"
