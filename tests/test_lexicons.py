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
