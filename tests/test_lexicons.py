"""One-off checks (issue 8) that each word list moved to pipeline/lexicons/ loads as the
Python constant it replaces; delete once the move has been reviewed."""
from __future__ import annotations

import pytest

from pipeline.rules import RuleFileError, load_words

OLD = {
    "place_prepositions": ["in", "at", "from", "near", "outside"],
    "institution_nouns": ["prison", "colony", "court", "city", "facility", "jail"],
    "listing_prepositions": ["including", "among", "against"],
    "imposing_verbs": ["impose", "hand", "give", "pass"],
    "plural_pronouns": ["each", "they", "them", "both", "all"],
    "modals": ["'ll", 'ca', 'can', 'could', 'may', 'might', 'must', 'shall', 'should', 'will', 'wo', 'would'],
    "irrealis_governors": ['aim', 'allow', 'ask', 'attempt', 'authorize', 'avoid', 'call', 'campaign', 'consider', 'continue', 'demand', 'enable', 'expect', 'face', 'fail', 'fear', 'hope', 'intend', 'lobby', 'need', 'permit', 'plan', 'pledge', 'press', 'prevent', 'promise', 'propose', 'push', 'recommend', 'refuse', 'risk', 'seek', 'stop', 'threaten', 'try', 'urge', 'use', 'vow', 'want', 'would'],
    "decision_governors": ['agree', 'decide', 'move', 'order', 'proceed', 'resolve', 'rule', 'vote'],
    "approximate": ['about', 'almost', 'approximately', 'around', 'dozens', 'estimated', 'hundreds', 'least', 'more', 'most', 'nearly', 'over', 'roughly', 'several', 'some', 'than', 'thousands', 'up'],
    "quantity_nouns": ['dozens', 'group', 'groups', 'hundreds', 'number', 'scores', 'tens', 'thousands'],
    "plural_kin": ['activist', 'blogger', 'brother', 'colleague', 'couple', 'defendant', 'journalist', 'lawyer', 'man', 'pair', 'sibling', 'sister', 'student', 'teammate', 'woman'],
    "honorifics": ['dr', 'm', 'madam', 'miss', 'mme', 'mr', 'mrs', 'ms', 'mx', 'sir'],
    "owned_things": ['account', 'accounts', 'acquittal', 'appeal', 'application', 'arrest', 'asylum', 'bail', 'case', 'channel', 'charge', 'charges', 'conviction', 'decision', 'detention', 'judgment', 'licence', 'license', 'newspaper', 'page', 'parole', 'passport', 'petition', 'registration', 'release', 'request', 'ruling', 'sentence', 'term', 'trial', 'verdict', 'website'],
    "negative_subjects": ['no one', 'no-one', 'nobody', 'none', 'noone'],
    "pronouns": ['he', 'her', 'hers', 'herself', 'him', 'himself', 'his', 'she'],
    "org_words": ['agency', 'alliance', 'assembly', 'association', 'bank', 'broadcaster', 'brotherhood', 'bureau', 'center', 'centre', 'channel', 'choice', 'church', 'club', 'coalition', 'committee', 'community', 'company', 'confederation', 'congress', 'corporation', 'council', 'daily', 'democratic', 'express', 'federation', 'foundation', 'front', 'fund', 'gazette', 'group', 'herald', 'initiative', 'institute', 'international', 'journal', 'league', 'magazine', 'media', 'memorial', 'mission', 'movement', 'national', 'network', 'news', 'newspaper', 'observer', 'opposition', 'organisation', 'organization', 'outlet', 'party', "people's", 'peoples', 'platform', 'portal', 'post', 'press', 'project', 'publication', 'radio', 'republican', 'review', 'rights', 'service', 'society', 'studio', 'television', 'times', 'tribune', 'tv', 'union', 'unions', 'university', 'watch', 'website', 'weekly', 'witnesses'],
    "state_words": ['agency', 'authorities', 'commission', 'committee', 'court', 'department', 'directorate', 'forces', 'fsb', 'government', 'guard', 'judge', 'kgb', 'militia', 'ministry', 'office', 'parliament', 'police', 'president', 'procuracy', 'prosecutor', 'prosecutors', 'service', 'tribunal'],
    "non_state_agents": ['abductors', 'al-shabaab', 'assailants', 'attackers', 'company', 'employer', 'employers', 'family', 'fighters', 'gunmen', 'houthis', 'insurgents', 'isil', 'isis', 'kidnappers', 'militants', 'mob', 'rebels', 'separatists', 'taliban', 'terrorists', 'vigilantes'],
    "demonyms": ['afghan', 'armenian', 'azerbaijani', 'belarusian', 'bisexual', 'chinese', 'christian', 'egyptian', 'gay', 'georgian', 'iranian', 'kazakh', 'kurdish', 'kyrgyz', 'lesbian', 'lgbt', 'lgbti', 'lgbtq', 'muslim', 'muslims', 'russian', 'tajik', 'transgender', 'turkish', 'turkmen', 'uighur', 'ukrainian', 'uyghur', 'uzbek', 'vietnamese'],
    "org_nouns": ['agency', 'association', 'bloc', 'broadcaster', 'center', 'centre', 'channel', 'church', 'coalition', 'community', 'confederation', 'congress', 'daily', 'federation', 'foundation', 'front', 'group', 'initiative', 'magazine', 'movement', 'network', 'newspaper', 'ngo', 'organisation', 'organization', 'outlet', 'party', 'portal', 'site', 'society', 'station', 'trust', 'union', 'website', 'weekly'],
    "body_words": ['agency', 'assembly', 'board', 'cabinet', 'center', 'centre', 'commission', 'committee', 'council', 'court', 'foundation', 'ministry', 'movement', 'office', 'parliament', 'party', 'union'],
    "law_words": ['act', 'article', 'articles', 'code', 'constitution', 'convention', 'decree', 'law'],
    "place_nouns": ['capital', 'city', 'county', 'district', 'governorate', 'municipality', 'oblast', 'prefecture', 'province', 'region', 'state', 'town', 'village'],
    "weekdays": ['friday', 'monday', 'saturday', 'sunday', 'thursday', 'tuesday', 'wednesday'],
    "months": ['april', 'august', 'december', 'february', 'january', 'july', 'june', 'march', 'may', 'november', 'october', 'september'],
    "name_particles": ['abu', 'al', 'bin', 'da', 'de', 'der', 'di', 'du', 'el', 'ibn', 'la', 'le', 'ul', 'van', 'von'],
    "seat_stop": ["'s", 'administrative', 'affairs', 'appeal', 'appeals', 'center', 'central', 'centre', 'city', 'colony', 'committee', 'complex', 'constitutional', 'court', 'courts', 'criminal', 'department', 'detention', 'directorate', 'district', 'economic', 'federal', 'first', 'general', 'high', 'instance', 'interior', 'internal', 'investigative', 'judgeship', 'justice', 'main', 'military', 'ministry', 'municipal', 'national', 'oblast', 'of', 'office', 'peace', 'penal', 'people', 'police', 'prison', 'prosecutor', 'province', 'provincial', 'public', 'region', 'regional', 'republic', 'revolutionary', 'security', 'service', 'state', 'supreme', 'the', '’s'],
    "seat_heads": ['administration', 'airport', 'authorities', 'committee', 'court', 'department', 'directorate', 'judgeship', 'office', 'police', 'prosecutor', 'prosecutors', 'service', 'tribunal'],
    "name_titles": ['dr', 'father', 'imam', 'mr', 'mrs', 'ms', 'pastor', 'prof', 'sheikh'],
    # regex word lists (issue 8, second pass): the words of the old alternations, expanded
    # where the regex spelled a variant ("rubles?" -> ruble, rubles)
    "charge_stop": ["his", "her", "their", "its", "allegedly", "posting", "criticizing", "peacefully",
                    "gave", "given", "handed", "sent", "put", "held", "connection", "relation",
                    "was", "were", "had", "has", "sentenced", "placed", "detained", "forced",
                    "article", "section", "law", "the", "a", "an"],
    "charge_stop_words": ["after", "because", "which", "that", "before", "while", "despite"],
    "not_charge": ["his", "her", "their", "its", "the", "arrest", "detention", "release", "trial"],
    "vague_charge": ["multiple", "several", "various", "spurious", "bogus", "trumped-up", "fabricated",
                     "politically-motivated", "politically motivated", "unspecified", "unknown", "vague",
                     "criminal", "administrative", "false", "new", "additional", "the", "these", "those",
                     "similar", "other", "identical", "same", "serious"],
    "single_determiners": ["a", "an", "the", "another", "this", "that"],
    "charge_lead": ["on", "under", "with", "for", "criminal", "administrative", "politically motivated",
                    "trumped up", "spurious", "fabricated", "bogus", "vague", "overbroad", "vague and overbroad",
                    "allegedly", "alleged"],
    "not_term_before": ["nearly", "almost", "about", "approximately", "roughly", "around", "some", "exceeding",
                        "between", "from", "ranging from", "within", "over", "under", "past", "last", "next",
                        "every", "each", "per", "after"],
    "not_term_after": ["ago", "later", "earlier", "after", "afterward", "afterwards", "before", "since", "prior",
                       "previously", "apart", "running", "in a row", "of his life", "of her life", "of their life"],
    "year_determiners": ["the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "these", "those",
                         "whose"],
    "year_verb_after": ["was", "were", "saw", "marked", "has", "had", "is", "brought", "began", "ended"],
    "year_not_before": ["article", "articles", "art.", "no.", "nos.", "number", "numbers", "part", "paragraph",
                        "section", "resolution", "decree", "chapter", "clause", "item", "page", "p.", "pp.",
                        "than", "about", "approximately", "nearly", "almost", "some", "over", "least", "roughly",
                        "total of", "usd", "kzt", "eur", "rub", "tjs", "tenge", "ruble", "rubles", "som", "manat",
                        "manats", "dollar", "dollars", "euro", "euros", "code", "law no.", "law no", "order"],
    "year_count_after": ["people", "persons", "individuals", "prisoners", "detainees", "cases", "men", "women",
                         "children", "members", "protesters", "families", "tenge", "ruble", "rubles", "manat",
                         "manats", "somoni", "som", "soms", "dollars", "euros", "hours", "days", "km", "meters",
                         "kilometers", "signatures", "votes", "households", "residents", "workers", "soldiers",
                         "troops", "officers"],
    "legal_codes": ["Code of Criminal Procedure", "Criminal Procedure Code", "Criminal Procedural Code",
                    "Criminal-Procedural Code", "Criminal Executive Code", "Criminal-Executive Code",
                    "Penal Enforcement Code", "Penal Procedure Code",
                    "Code of Administrative Offenses", "Code of Administrative Offences",
                    "Code on Administrative Offenses", "Code on Administrative Offences",
                    "Code of Administrative Violations", "Code of Administrative Infractions",
                    "Administrative Offenses Code", "Administrative Offences Code", "Administrative Code",
                    "Code of Civil Procedure", "Civil Procedure Code", "Civil Code", "Criminal Code",
                    "Penal Code", "Labor Code", "Labour Code", "Tax Code", "Family Code", "Election Code",
                    "Electoral Code", "Land Code", "Customs Code", "Housing Code", "Media Code", "Constitution"],
    "number_words": ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                     "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
                     "hundred").split(),
    "date_qualifiers": ["early", "mid", "late", "beginning", "start", "end", "middle", "close", "first", "second",
                        "third", "fourth", "last", "final", "half", "week", "weeks", "days", "few days",
                        "spring", "summer", "fall", "autumn", "winter"],
    "month_context": ["in", "on", "by", "since", "until", "till", "through", "throughout", "during", "from", "to",
                      "between", "and", "or", "of", "before", "after", "around", "about", "as of", "early", "mid",
                      "late", "last", "next", "this", "that", "same", "end", "beginning", "start", "middle", "each",
                      "every", "circa", "c.", "in early", "in mid", "in late"],
    "year_prepositions": ["in", "on", "by", "since", "until", "till", "through", "throughout", "during", "from", "to",
                          "between", "and", "or", "of", "for", "before", "after", "around", "as of", "circa", "c.",
                          "early", "mid", "late", "year", "years", "within", "starting", "beginning", "ending", "end"],
    "may_context": ["in", "on", "by", "since", "until", "till", "through", "during", "from", "to", "between", "and",
                    "of", "early", "mid", "late", "before", "after"],
    "charge_lead_modifiers": ["multiple", "several", "spurious", "criminal", "the", "bogus"],
    "charge_before_determiners": ["the", "a", "an", "same", "identical", "similar", "those", "these"],
    "web_domains": ["kz", "ru", "com", "org", "net", "az", "by", "uz", "tj", "kg", "tr", "ir", "eg", "info", "ua",
                    "am", "ge"],
    "sentence_measures": ["suspended", "probation", "conditional", "probationary", "restricted freedom",
                          "restricted of freedom", "restriction freedom", "restriction of freedom", "correctional",
                          "corrective", "compulsory labor", "compulsory labour", "administrative"]
                         + [f"days{q} {of}{n}" for q in ("", "'", "\u2019") for of in ("", "of ")
                            for n in ("arrest", "detention")]
                         + ["days in jail", "days of jail", "days in detention", "days of detention"],
    "release_denials": ["deny", "denied", "refus", "reject"],
    "fine_units": ["rubles", "ruble", "roubles", "rouble", "tenge", "manats", "manat", "somoni", "soms", "som", "lira",
                   "liras", "pounds", "dollars", "euros", "euro", "hryvnias", "hryvnia", "dinars", "dinar", "rials",
                   "rial", "dong", "yuan", "lari", "drams", "dram", "indices", "units", "minimum wages",
                   "minimum wage", "base units", "base amounts"],
    "charge_cues": ["on suspicion of", "suspected of", "guilty of", "accused of", "for allegedly", "indicted",
                    "prosecuted", "case", "investigation"],
    "not_term_before_phrases": ["up to", "max.", "max", "more than", "less than", "fewer than", "at least", "at most",
                                "minimum of", "minimum", "hours", "hour", "days", "day", "times", "shifts", "shift",
                                "weeks", "week", "the", "its", "their", "his", "her", "past", "last", "next", "first",
                                "previous", "following", "coming"]
                               + [f"maximum{x}{o}" for x in ("", " term", " sentence", " penalty", " punishment")
                                  for o in ("", " of")]
                               + [f"as {q} as" for q in ("many", "much", "long", "few")]
                               + [f"{n} {c} than" for n in ("no", "not") for c in ("more", "less", "longer")],
    "date_range_words": ["and", "to", "through", "until", "till", "or"],
    "law_name_connectors": ["and", "of", "on", "the", "in", "for", "against", "about"],
    "international_instruments": ["International", "European", "Universal", "American", "African", "Covenant",
                                  "Convention", "Declaration", "Charter"],
    "article19_legal": ["under", "breach of", "pursuant to", "per", "in accordance with", "see"],
    "month_abbreviations": ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"],
}


@pytest.mark.parametrize("name", sorted(OLD))
def test_loaded_lexicon_equals_old_constant(name):
    assert load_words(name) == frozenset(OLD[name])


def test_unknown_key_rejected(tmp_path):
    (tmp_path / "x.jsonl").write_text('{"id": "a", "words": ["b"], "why": "c", "example": "d", "colour": 1}\n')
    with pytest.raises(RuleFileError, match="unknown key"):
        load_words("x", tmp_path)


def test_duplicate_id_rejected(tmp_path):
    line = '{"id": "a", "words": ["b"], "why": "c", "example": "d"}\n'
    (tmp_path / "x.jsonl").write_text(line * 2)
    with pytest.raises(RuleFileError, match="duplicate"):
        load_words("x", tmp_path)


def test_release_measures_keep_their_order():
    from pipeline.extract.lexicon import RELEASE_MEASURES
    assert RELEASE_MEASURES == (("parole", "parole"), ("amnest", "amnesty"), ("pardon", "pardon"), ("bail", "bail"))


# Lists a regex alternation or a canonical spelling is built from keep their order.
ORDERED = {
    "legal_codes": OLD["legal_codes"],
    "charge_stop_words": OLD["charge_stop_words"],
    "vague_charge": OLD["vague_charge"],
    "fine_units": OLD["fine_units"],   # a longer spelling before its prefix ("rubles" before "ruble")
    "date_range_words": OLD["date_range_words"],
    "international_instruments": OLD["international_instruments"],
    "article19_legal": OLD["article19_legal"],
    "month_abbreviations": OLD["month_abbreviations"],   # "Sept" before "Sep"
}


@pytest.mark.parametrize("name", sorted(ORDERED))
def test_ordered_lexicon_keeps_order(name):
    from pipeline.rules import load_words_ordered
    assert list(load_words_ordered(name)) == ORDERED[name]


def test_number_words_keep_their_values():
    from pipeline.normalize.numbers import NUMBER_WORDS
    old = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                      "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty"
                                      .split()) if i}
    old.update({"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                "eighty": 80, "ninety": 90, "hundred": 100})
    assert list(NUMBER_WORDS.items()) == list(old.items())
