"""The event layer: from parsed sentences and their triggers to Event rows.

For every trigger span (patterns/triggers.jsonl) it decides whether the
sentence reports a real, specific action (not a recommendation, hypothesis,
generic statement, negation or bare status), finds the targets through the
dependency parse, and fills the slots (date, term, charge, article, measure,
location, agent) from the trigger's own clause first, then the clauses above
it. Mentions of the same event in one document are merged (spec rule 3).

One module per concern: triggers (non-event reasons), names, targets and
finders, time, charges, place, measure, merge; mentions runs them over one
sentence, document over a whole document.
"""

from pipeline.extract.document import EventExtractor



