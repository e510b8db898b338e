"""Normalizers: text folding, numbers, durations, dates, legal articles, charges, names.

Each function takes text as written and returns the normalized value the spec
asks for (ISO dates at the precision given, ISO 8601 durations, ...). One module
per concern; this package re-exports their names."""
from __future__ import annotations

from pipeline.normalize.text import (  # noqa: F401
    VocabError,
    _load_jsonl,
    fold,
)
from pipeline.normalize.numbers import (  # noqa: F401
    NUMBER_WORDS,
    parse_count,
)
from pipeline.normalize.durations import (  # noqa: F401
    find_durations,
    parse_duration,
)
from pipeline.normalize.charges import (  # noqa: F401
    clean_charge,
    find_charges,
)
from pipeline.normalize.date_patterns import (  # noqa: F401
    DateMention,
)
from pipeline.normalize.dates import (  # noqa: F401
    dateline_length,
    dateline_spans,
    find_dates,
)
from pipeline.normalize.articles import (  # noqa: F401
    find_articles,
)
from pipeline.normalize.names import (  # noqa: F401
    NameRegistry,
    is_same_person,
    name_key,
)
from pipeline.rules import VOCAB_DIR  # noqa: F401,E402
