"""Word lists the rules consult (moved from events.py)."""
from __future__ import annotations


MODALS = {"could", "may", "might", "would", "will", "can", "should", "must", "shall", "'ll", "wo", "ca"}


# Verbs whose complement is not (yet) a real action: "faces up to 10 years",
# "threatened to arrest", "risks being deported", "urged the authorities to release".
IRREALIS_GOVERNORS = {
    "face", "risk", "threaten", "fear", "seek", "attempt", "try", "want", "plan", "intend", "propose",
    "allow", "permit", "enable", "authorize", "urge", "call", "demand", "recommend", "ask",
    "continue", "fail", "refuse", "need", "aim", "hope", "expect", "vow", "promise", "pledge", "would",
    "consider", "push", "press", "lobby", "campaign", "use", "prevent", "stop", "avoid",
}


# Past-tense decisions whose infinitive complement is the action itself:
# "a court ruled to excuse her from criminal liability".
DECISION_GOVERNORS = {"rule", "decide", "vote", "order", "agree", "move", "proceed", "resolve"}


APPROXIMATE = {"least", "most", "more", "over", "about", "nearly", "approximately", "some", "around", "almost",
               "roughly", "estimated", "than", "up", "several", "dozens", "hundreds", "thousands"}


# Nouns that count a group: "dozens of people", "a number of activists".
QUANTITY_NOUNS = {"dozens", "hundreds", "thousands", "scores", "tens", "number", "group", "groups"}


# Definite plurals that point back to people just named: "The brothers were arrested".
PLURAL_KIN = {"brother", "sister", "sibling", "couple", "pair", "defendant", "activist", "journalist", "student",
              "man", "woman", "teammate", "colleague", "lawyer", "blogger"}


# Titles before a name, not part of it: "Ms. Nour El-Houda Yassin".
HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "mx", "sir", "madam", "mme", "m"}


# What a possessive owns when it names the target: "upheld X's conviction", "rejected his
# request"; "her husband", "his co-defendant" are other people.
OWNED_THINGS = {"conviction", "sentence", "verdict", "term", "appeal", "application", "request", "petition",
                "case", "trial", "release", "arrest", "detention", "website", "license", "licence",
                "registration", "asylum", "parole", "charge", "charges", "acquittal", "ruling", "decision",
                "judgment", "account", "accounts", "page", "channel", "newspaper", "passport", "bail"}


NEGATIVE_SUBJECTS = {"no one", "nobody", "none", "noone", "no-one"}


PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}


ORG_WORDS = {
    "union", "unions", "party", "movement", "confederation", "congress", "committee", "foundation", "center",
    "centre", "association", "church", "group", "council", "front", "network", "organization",
    "organisation", "watch", "international", "agency", "bureau", "institute", "university", "news",
    "radio", "tv", "television", "newspaper", "times", "post", "journal", "media", "channel", "society",
    "league", "fund", "initiative", "coalition", "alliance", "bank", "company", "corporation", "portal",
    "magazine", "gazette", "daily", "weekly", "service", "club", "federation", "assembly", "brotherhood",
    "mission", "community", "publication", "website", "outlet", "broadcaster", "studio", "project",
    "platform", "rights", "memorial", "tribune", "herald", "observer", "express", "review", "press",
    "choice", "opposition", "democratic", "republican", "national", "people's", "peoples", "witnesses",
}


STATE_WORDS = {"court", "ministry", "police", "prosecutor", "prosecutors", "procuracy", "office", "committee",
               "service", "government", "authorities", "parliament", "kgb", "fsb", "tribunal", "judge",
               "department", "agency", "directorate", "militia", "guard", "forces", "commission", "president"}


NON_STATE_AGENTS = {"militants", "gunmen", "insurgents", "rebels", "terrorists", "kidnappers", "assailants",
                    "taliban", "mob", "vigilantes", "separatists", "fighters", "attackers", "abductors",
                    "al-shabaab", "isis", "isil", "houthis", "employer", "employers", "company", "family"}


DEMONYMS = {"kazakh", "lesbian", "gay", "bisexual", "transgender", "uzbek", "tajik", "kyrgyz", "turkmen",
            "uighur", "uyghur", "muslim", "muslims", "christian", "russian", "chinese", "azerbaijani",
            "belarusian", "turkish", "egyptian", "iranian", "afghan", "kurdish", "armenian", "georgian",
            "ukrainian", "vietnamese", "lgbt", "lgbti", "lgbtq"}


# Nouns after which a proper name is an organization: "the opposition movement X".
ORG_NOUNS = {"movement", "party", "organization", "organisation", "group", "union", "association", "foundation",
             "newspaper", "website", "outlet", "portal", "channel", "agency", "ngo", "confederation", "congress",
             "church", "community", "network", "coalition", "trust", "magazine", "weekly", "daily", "broadcaster",
             "station", "centre", "center", "initiative", "society", "federation", "bloc", "front", "site"}


# Nouns that end the name of a body: "the United Transitional Cabinet", "Coordination Council".
BODY_WORDS = {"cabinet", "council", "board", "commission", "assembly", "parliament", "ministry", "court",
              "office", "agency", "committee", "party", "movement", "foundation", "center", "centre", "union"}


LAW_WORDS = {"code", "article", "articles", "law", "act", "constitution", "decree", "convention"}


# "the city of X", "X province": nouns that name a kind of place
PLACE_NOUNS = {"city", "town", "village", "province", "region", "district", "oblast", "governorate", "county",
               "capital", "state", "prefecture", "municipality"}


WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}


# Lowercase particles that open a surname: "al-Kashef", "el-Sisi", "bin Salman", "abu Zeid".
NAME_PARTICLES = {"al", "el", "ul", "bin", "ibn", "abu", "de", "da", "di", "du", "van", "von", "der", "la", "le"}


SEAT_STOP = {"supreme", "court", "courts", "city", "district", "regional", "administrative", "appeal", "appeals",
             "people", "military", "criminal", "prosecutor", "general", "office", "ministry", "justice",
             "interior", "state", "national", "security", "committee", "service", "constitutional", "high",
             "federal", "republic", "investigative", "police", "department", "'s", "\u2019s", "of", "the",
             "province", "region", "oblast", "judgeship", "peace", "revolutionary", "economic", "first",
             "instance", "central", "internal", "affairs", "directorate", "main", "municipal", "provincial",
             "public", "prison", "penal", "colony", "complex", "detention", "center", "centre"}
