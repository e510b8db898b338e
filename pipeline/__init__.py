"""Extract justice events from human-rights reports (see ../shared/spec/events.md)."""

__version__ = "0.1.0"


def read_events(path):
    """events.csv as a pandas DataFrame with stable dtypes (see pipeline.tables)."""
    from pipeline.tables import read_events as _read_events
    return _read_events(path)
