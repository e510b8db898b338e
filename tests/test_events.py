"""Sentences -> event rows, as tables: one case per line, in several registers
(HRW, State Department, Amnesty, news dispatch), written for these tests."""
from __future__ import annotations

import pytest

# (text, report year, expected rows). A row is a dict of the columns it checks;
# the case passes when the extracted rows, restricted to those columns, equal the list.
EVENTS = [
    # ARREST
    ("On May 3, police in Almaty detained activist Dana Serikova outside her home.", 2019,
     [{"event_type": "ARREST", "target": "Dana Serikova", "date": "2019-05-03", "measure": "custody", "location": "Almaty", "agent": "police"}]),
    ("In March 2019, authorities placed blogger Ruslan Tokayev under house arrest on suspicion of “spreading false information.”", None,
     [{"event_type": "ARREST", "target": "Ruslan Tokayev", "date": "2019-03", "measure": "house_arrest", "charge": "spreading false information"}]),
    ("On 9 September, police in Yekaterinburg detained 64 demonstrators.", 2019,
     [{"event_type": "ARREST", "target_type": "GROUP", "target_count": "64", "date": "2019-09-09", "location": "Yekaterinburg"}]),
    # INVESTIGATE
    ("In September 2018, authorities in Shymkent opened a criminal case against trade unionist Bolat Nurov.", None,
     [{"event_type": "INVESTIGATE", "target": "Bolat Nurov", "date": "2018-09", "location": "Shymkent"}]),
    # CHARGE
    ("In April 2020, prosecutors charged journalist Leyla Aliyeva with tax evasion.", None,
     [{"event_type": "CHARGE", "target": "Leyla Aliyeva", "date": "2020-04", "charge": "tax evasion", "agent": "prosecutors"}]),
    # TRIAL
    ("Blogger Arman Ospanov was tried in absentia in June 2019.", None,
     [{"event_type": "TRIAL", "target": "Arman Ospanov", "date": "2019-06"}]),
    # CONVICT + SENTENCE
    ("On October 4, a court in Vahdat found human rights defender Nigora Salimova guilty of fraud and handed her a suspended sentence of two years.", 2021,
     [{"event_type": "CONVICT", "target": "Nigora Salimova", "date": "2021-10-04", "charge": "fraud", "location": "Vahdat"},
      {"event_type": "SENTENCE", "target": "Nigora Salimova", "date": "2021-10-04", "sentence": "P2Y", "measure": "suspended"}]),
    # SENTENCE, State Department register
    ("On March 3, the Khujand City Court sentenced journalist Daler Imomov to 10 years in prison.", 2020,
     [{"event_type": "SENTENCE", "target": "Daler Imomov", "date": "2020-03-03", "sentence": "P10Y", "measure": "imprisonment", "location": "Khujand"}]),
    # SENTENCE with respectively
    ("On March 3, the Khujand City Court sentenced journalist Zebo Karimova and blogger Anvar Rustamov to seven and a half years and five years in prison, respectively.", 2021,
     [{"event_type": "SENTENCE", "target": "Zebo Karimova", "sentence": "P7Y6M"},
      {"event_type": "SENTENCE", "target": "Anvar Rustamov", "sentence": "P5Y"}]),
    # SENTENCE, jailed with a term (news register), several targets
    ("In mid-2016, authorities jailed activists Timur Bekov and Aidos Kassym each for five years.", None,
     [{"event_type": "SENTENCE", "target": "Timur Bekov", "date": "2016", "sentence": "P5Y"},
      {"event_type": "SENTENCE", "target": "Aidos Kassym", "date": "2016", "sentence": "P5Y"}]),
    # SENTENCE, an unnamed individual, administrative arrest
    ("In June 2018, a court in Taldikorgan sentenced a man to three days’ arrest for his protest.", None,
     [{"event_type": "SENTENCE", "target_type": "GROUP", "target": "man", "target_count": "1", "date": "2018-06", "sentence": "P3D", "measure": "administrative_arrest", "location": "Taldikorgan"}]),
    # FINE
    ("On 10 April 2020, a court in Sumgayit fined freelance journalist Kamal Huseynov 1,500 manats for “breaching quarantine rules”.", None,
     [{"event_type": "FINE", "target": "Kamal Huseynov", "date": "2020-04-10", "amount": "1,500 manats", "charge": "breaching quarantine rules", "location": "Sumgayit"}]),
    # FINE with the currency written first, the person as the amount's owner
    ("The court sentenced blogger Mona Saeed to two years in prison and fined her EGP 100,000.", 2020,
     [{"event_type": "SENTENCE", "target": "Mona Saeed", "sentence": "P2Y"},
      {"event_type": "FINE", "target": "Mona Saeed", "amount": "EGP 100,000"}]),
    # ACQUIT
    ("On September 16, a court in Bokhtar acquitted blogger Sherali Nazarov of defamation charges; prosecutors did not appeal.", 2021,
     [{"event_type": "ACQUIT", "target": "Sherali Nazarov", "date": "2021-09-16", "charge": "defamation", "location": "Bokhtar"}]),
    # RELEASE on parole, surname-only later mention resolves to the full name
    ("In 2016 a court jailed activist Talant Abenov for five years. In April 2018, authorities released Abenov on parole.", None,
     [{"event_type": "SENTENCE", "target": "Talant Abenov", "sentence": "P5Y"},
      {"event_type": "RELEASE", "target": "Talant Abenov", "date": "2018-04", "measure": "parole"}]),
    # RELEASE by pardon
    ("On 2 July, the president pardoned and released editor Pavel Hrybau.", 2019,
     [{"event_type": "RELEASE", "target": "Pavel Hrybau", "date": "2019-07-02", "measure": "pardon"}]),
    # APPEAL (possessive target)
    ("On April 12, the Supreme Court upheld Sharif Nurov's conviction.", 2021,
     [{"event_type": "APPEAL", "target": "Sharif Nurov", "date": "2021-04-12"}]),
    # EXTRADITE, nested participle with a second dated event
    ("Several people were prosecuted, including Murat Saparov, an activist extradited from Kyrgyzstan in August 2018, having been charged in April 2018 with financing an opposition group.", None,
     [{"event_type": "EXTRADITE", "target": "Murat Saparov", "date": "2018-08", "location": "Kyrgyzstan"},
      {"event_type": "CHARGE", "target": "Murat Saparov", "date": "2018-04", "charge": "financing an opposition group"}]),
    # TRANSFER
    ("In September 2018, authorities transferred Bakhyt Orazov to a prison in Aktobe.", None,
     [{"event_type": "TRANSFER", "target": "Bakhyt Orazov", "date": "2018-09", "location": "Aktobe"}]),
    # BAN of an organization
    ("In March 2018, a court banned the opposition movement Free Choice of Kazakhstan.", None,
     [{"event_type": "BAN", "target": "Free Choice of Kazakhstan", "target_type": "ORG", "date": "2018-03", "agent": "court"}]),
    # DENIAL, with a pronoun resolved from the sentence before
    ("Gulnar Tursyn had fled China in early 2018. In October, Kazakhstan denied her asylum.", None,
     [{"event_type": "DENIAL", "target": "Gulnar Tursyn", "date": "2018-10"}]),
    ("That same month, a court denied parole to Aset Baimukhanov, an imprisoned journalist.", 2018,
     [{"event_type": "DENIAL", "target": "Aset Baimukhanov", "agent": "court"}]),
    # group with a count and a date: specific
    ("According to the Prosecutor General's office, 57 people were charged with “inciting discord” in the first half of 2018.", None,
     [{"event_type": "CHARGE", "target_type": "GROUP", "target_count": "57", "date": "2018", "charge": "inciting discord"}]),
    # an approximate number is not a count; the group is still specific by its date
    ("In March, police interrogated at least 700 individuals as suspects in extremism cases.", 2022,
     [{"event_type": "INVESTIGATE", "target_type": "GROUP", "target_count": "", "date": "2022-03"}]),
    # acquittal through "the conviction of X", court seat from "in X" inside the court's name
    ("On 6 May 2020, the State Security Court in Aswan quashed the conviction of activist Orkhan Guliyev.", None,
     [{"event_type": "ACQUIT", "target": "Orkhan Guliyev", "date": "2020-05-06", "location": "Aswan"}]),
    # news wire: a yearless dateline with the agency; the weekday is resolved from it,
    # and the dateline's own date is not the event's
    ("TEHRAN, Oct 19 (Wire) - A Revolutionary Court in Tehran on Tuesday sentenced journalist Leila Ahmadi to five years in prison, her husband said.", 2022,
     [{"event_type": "SENTENCE", "target": "Leila Ahmadi", "date": "2022-10-18", "sentence": "P5Y", "location": "Tehran"}]),
    ("BAKU, 14 May 2021 (Wire) — Police have detained the opposition blogger Rauf Mirzayev, his lawyer said.", None,
     [{"event_type": "ARREST", "target": "Rauf Mirzayev", "date": ""}]),
    # a long list of people, then "The five"/"each" pointing back at them; charges joined with "; "
    ("On January 18, the Minsk City Court convicted in absentia Alena Kuzmich, Ihar Lobau, Pavel Sidorau, Maryna Kot, and Yury Zhuk. "
     "The five were charged with inciting social hatred and illegally handling personal data of police officers. "
     "The court sentenced each to 12 years in prison.", 2023,
     [{"event_type": t, "target": n} for t in ("CONVICT",) for n in ("Alena Kuzmich", "Ihar Lobau", "Pavel Sidorau", "Maryna Kot", "Yury Zhuk")]
     + [{"event_type": "CHARGE", "target": n, "charge": "inciting social hatred; illegally handling personal data of police officers"}
        for n in ("Alena Kuzmich", "Ihar Lobau", "Pavel Sidorau", "Maryna Kot", "Yury Zhuk")]
     + [{"event_type": "SENTENCE", "target": n, "sentence": "P12Y", "date": "2023-01-18",
         "charge": "inciting social hatred; illegally handling personal data of police officers"}
        for n in ("Alena Kuzmich", "Ihar Lobau", "Pavel Sidorau", "Maryna Kot", "Yury Zhuk")]),
    # a relative named by a possessive is not the possessor; a transfer's place is where the prison is
    ("Maria Lopez said that on November 27 police arrested her husband at their home.", 2023,
     [{"event_type": "ARREST", "target_type": "GROUP", "target": "husband", "target_count": "1", "date": "2023-11-27"}]),
    ("On July 11, authorities transferred Lizbeth Gomez to Los Pinos Prison in Camaguey.", 2023,
     [{"event_type": "TRANSFER", "target": "Lizbeth Gomez", "date": "2023-07-11", "location": "Camaguey"}]),
    # the small model reads "a court sentenced X" as a court [sentenced X]; a state body is not the one sentenced
    ("In July a revolutionary court sentenced in absentia Nima Karimi and Arash Dehghan to nine years in prison.", 2019,
     [{"event_type": "SENTENCE", "target": "Nima Karimi", "date": "2019-07", "sentence": "P9Y", "agent": "revolutionary court"},
      {"event_type": "SENTENCE", "target": "Arash Dehghan", "date": "2019-07", "sentence": "P9Y", "agent": "revolutionary court"}]),
    # Arabic name particles; a nominal release takes the date of the verb that orders it, not a
    # date inside a relative clause about the person; a people's name before a person's name
    ("On July 3, a court ordered the release of Ola al-Qaradawi, whom authorities had arrested in 2017.", 2019,
     [{"event_type": "RELEASE", "target": "Ola al-Qaradawi", "date": "2019-07-03"},
      {"event_type": "ARREST", "target": "Ola al-Qaradawi", "date": "2017"}]),
    ("In March authorities sentenced Uyghur Ayshemhan Abdulla to 21 years in prison.", 2023,
     [{"event_type": "SENTENCE", "target": "Ayshemhan Abdulla", "sentence": "P21Y", "date": "2023-03"}]),
    # precision: a co-defendant is another person; "-based" is a place; the subject of a passive, not its apposition
    ("At the same hearing, the court acquitted her co-defendant, cartoonist Emre Kaya, of the same charge.", 2019,
     [{"event_type": "ACQUIT", "target": "Emre Kaya"}]),
    ("Pavel Orlov, editor of the Tver news site Verkhnevolzhye Vestnik, was fined 20,000 rubles on 14 May.", 2019,
     [{"event_type": "FINE", "target": "Pavel Orlov", "amount": "20,000 rubles", "date": "2019-05-14"}]),
    # charge article in the same sentence
    ("On 5 February, a court in Kaliningrad sentenced blogger Ilya Tkachev to 18 months of restricted freedom for “insulting the religious feelings of believers” under Article 148 of the Criminal Code.", 2019,
     [{"event_type": "SENTENCE", "target": "Ilya Tkachev", "sentence": "P18M", "measure": "restricted_freedom",
       "charge": "insulting the religious feelings of believers", "charge_article": "Criminal Code Article 148", "location": "Kaliningrad"}]),
]

# Sentences that state no event (spec section 1): each must give no row.
NON_EVENTS = [
    "If convicted, Bilash faces up to 10 years in prison.",
    "Release civil society activist Max Bokayev and quash his conviction.",
    "Police routinely detain organizers of peaceful protests.",
    "Police break up even single-person protests and arbitrarily detain participants.",
    "No one was charged in connection with the deaths.",
    "Authorities did not release the journalist despite the ruling.",
    "The new law allows police to detain suspects for 72 hours without charge.",
    "Amnesty International calls on the authorities to release Elnur Mammadov immediately.",
    "Authorities should release all political prisoners.",
    "The banned Salafiya movement continues to recruit online.",
    "He said police could arrest him at any moment.",
    # interrogation counts only "as a suspect" (spec); here it is a torture allegation
    "Mr. Soliman said he was blindfolded while being interrogated at a security facility.",
    "Authorities have released some imprisoned activists on parole.",
    "Militants detained two aid workers near the border in May 2019.",
    # an investigation into someone's allegations is not an investigation against them
    "After public outcry, authorities opened a preliminary investigation into his allegations of torture by Daniyar Serikov's guards.",
    # precision on State Department prose
    "On March 2, the ministry released a statement criticizing journalist Omar Hussein.",
    "The lawyer was known for assisting detained protesters and their families.",
    "As of year's end, Omar Hussein remained arbitrarily detained.",
]


def _project(rows, keys):
    return [{k: getattr(r, k) for k in keys} for r in rows]


@pytest.mark.parametrize("text,year,expected", EVENTS, ids=[e[2][0]["event_type"] + ":" + e[0][:40] for e in EVENTS])
def test_sentence_gives_rows(extract, text, year, expected):
    rows = extract(text, year)
    keys = sorted({k for row in expected for k in row} | {"event_type"})
    got = _project(rows, keys)
    want = [{k: row.get(k, g.get(k)) for k in keys} for row, g in zip(expected, got + [{}] * len(expected))]
    assert got == want, f"\n got: {got}\nwant: {expected}"


@pytest.mark.parametrize("text", NON_EVENTS)
def test_non_event_gives_no_row(extract, text):
    assert [(e.event_type, e.target) for e in extract(text, 2019)] == []


def test_recommendations_section_gives_no_row(extract):
    text = ("Recommendations\n\n  \u2022 Immediately release Murat Saparov and Serik Bilashev;\n"
            "  \u2022 Quash the conviction of Talant Abenov.\n")
    assert extract(text, 2019) == []


def test_same_event_twice_is_one_row(extract):
    text = ("In mid-2016 authorities jailed activist Maks Orynbayev for five years.\n\n"
            "Authorities imprisoned Maks Orynbayev for five years on charges of “inciting social discord.”\n")
    rows = [(e.event_type, e.target, e.date, e.sentence, e.charge) for e in extract(text, 2019)]
    assert rows == [("SENTENCE", "Maks Orynbayev", "2016", "P5Y", "inciting social discord")]


def test_rows_carry_evidence_offsets_and_rule_ids(extract):
    text = "Intro line.\n\nOn 3 April, police detained reporter Anna Petrova in Minsk."
    (ev,) = extract(text, 2019)
    assert text[ev.char_start:ev.char_end] == ev.evidence
    assert "arrest-verb" in ev.rule_ids


def test_spelling_variants_become_one_name(extract):
    text = ("In 2016 a court sentenced activist Maks Bokayev to five years in prison.\n\n"
            "In 2018, authorities transferred Max Bokaev to a prison in Aktobe.\n")
    targets = {e.target for e in extract(text, 2019)}
    assert targets == {"Maks Bokayev"}
