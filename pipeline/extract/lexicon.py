"""Word lists the rules consult, loaded from pipeline/lexicons/*.jsonl (each entry with
an id, a why and an example). Dependency-label and event-type sets stay in code."""
from __future__ import annotations

from pipeline.rules import VOCAB_DIR, load_entries, load_lexicon, load_words


MODALS = load_words("modals")
IRREALIS_GOVERNORS = load_words("irrealis_governors")
DECISION_GOVERNORS = load_words("decision_governors")
APPROXIMATE = load_words("approximate")
QUANTITY_NOUNS = load_words("quantity_nouns")
PLURAL_KIN = load_words("plural_kin")
HONORIFICS = load_words("honorifics")
OWNED_THINGS = load_words("owned_things")
NEGATIVE_SUBJECTS = load_words("negative_subjects")
PRONOUNS = load_words("pronouns")
ORG_WORDS = load_words("org_words")
STATE_WORDS = load_words("state_words")
NON_STATE_AGENTS = load_words("non_state_agents")
DEMONYMS = load_words("demonyms")
ORG_NOUNS = load_words("org_nouns")
BODY_WORDS = load_words("body_words")
LAW_WORDS = load_words("law_words")
PLACE_NOUNS = load_words("place_nouns")
WEEKDAYS = load_words("weekdays")
MONTHS = load_words("months")
NAME_PARTICLES = load_words("name_particles")
SEAT_STOP = load_words("seat_stop")
SEAT_HEADS = load_words("seat_heads")
PLACE_PREPOSITIONS = load_words("place_prepositions")
INSTITUTION_NOUNS = load_words("institution_nouns")
LISTING_PREPOSITIONS = load_words("listing_prepositions")
IMPOSING_VERBS = load_words("imposing_verbs")
PLURAL_PRONOUNS = load_words("plural_pronouns")
# (cue, measure) in file order: the first cue found names a release's measure
# (suffix, entry id), longest first: a common noun with one of these endings names people
PERSON_SUFFIXES = tuple(sorted(((w, e["id"]) for e in load_entries("person_suffixes") for w in e["words"]),
                               key=lambda x: -len(x[0])))
NON_PERSON_NOUNS = load_words("non_person_nouns")
RELEASE_MEASURES = tuple((w, e["id"]) for e in load_entries("release_measures") for w in e["words"])

# vocabularies (pipeline/vocab): role nouns, group nouns, state agents (variant -> canonical),
# country names and demonyms (never part of a person's name: "Forbes Kazakhstan", "Kazakh")
ROLES = frozenset(load_lexicon(VOCAB_DIR / "roles.jsonl"))
GROUPS = frozenset(load_lexicon(VOCAB_DIR / "groups.jsonl"))
AGENTS = load_lexicon(VOCAB_DIR / "agents.jsonl")
COUNTRIES = frozenset(load_lexicon(VOCAB_DIR / "countries.jsonl")) | DEMONYMS
