"""One table of typed answers and the verdict a teacher gives each, in a French and an English
deck: every rule of docs/deck-format.md's "What counts as right" has its rows, the answers that
must be wrong ("never other words") included. The engine, plain mode and the app all run it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

QUESTIONS: dict[str, dict[str, Any]] = {
    # French deck: grading v3 (issue 22), the answers that must be wrong first
    "iran": {"type": "text", "prompt": "Quel pays ?", "answer": "Iran"},
    "norvege": {"type": "text", "prompt": "Quel pays ?", "answer": "Norvège"},
    "majorite": {"type": "text", "prompt": "Quelle part ?", "answer": "la majorité"},
    "siecle": {"type": "text", "prompt": "Quel siècle ?", "answer": "XVIIIe siècle"},
    "kilos": {"type": "number", "prompt": "Quelle masse ?", "answer": 5, "unit": "kg"},
    "distance": {"type": "number", "prompt": "Quelle distance ?", "answer": 10, "unit": "km"},
    "trois": {"type": "number", "prompt": "Combien ?", "answer": 3},
    "froid": {"type": "number", "prompt": "Quelle température ?", "answer": -10},
    "dix": {"type": "number", "prompt": "Combien ?", "answer": 10},
    "taux": {"type": "number", "prompt": "Quel taux ?", "answer": 30, "unit": "%"},
    "guerre": {"type": "text", "prompt": "Quelles années ?", "answer": "1914-1918"},
    "date": {"type": "text", "prompt": "Quand ?", "answer": "7 octobre 2022"},
    "lavrov": {"type": "text", "prompt": "Qui ?", "answer": "Sergueï Lavrov"},
    "soeur": {"type": "text", "prompt": "Qui ?", "answer": "sa sœur"},
    "onu": {"type": "text", "prompt": "Quelle organisation ?", "answer": "l'ONU"},
    "rang": {"type": "text", "prompt": "Quel rang ?", "answer": "premier"},
    # French deck
    "petrole": {
        "type": "text",
        "prompt": "L'approvisionnement en quel produit ?",
        "answer": "pétrole",
        "accept": ["approvisionnement en pétrole"],
    },
    "urss": {
        "type": "text",
        "prompt": "De l'aide de quel pays ?",
        "answer": "l'Union soviétique",
        "accept": ["URSS"],
    },
    "kim": {"type": "text", "prompt": "Qui ?", "answer": "Kim Jong-un"},
    "usa": {"type": "text", "prompt": "Quel pays ?", "answer": "États-Unis"},
    "moscou": {"type": "text", "prompt": "Quelle ville ?", "answer": "Moscou"},
    "coree": {"type": "text", "prompt": "Quel pays ?", "answer": "Corée du Nord"},
    "autriche": {"type": "text", "prompt": "Quel pays ?", "answer": "Autriche"},
    "csnu": {
        "type": "text",
        "prompt": "Quel organe ?",
        "answer": "Conseil de sécurité de l’ONU",
        "accept": ["CSNU", "Conseil de sécurité"],
    },
    "vladivostok": {"type": "text", "prompt": "Quelle ville ?", "answer": "Vladivostok"},
    "annee-texte": {"type": "text", "prompt": "Quelle année ?", "answer": "2019"},
    "north": {"type": "text", "prompt": "Quelle publication ?", "answer": "38 North"},
    "sanctions": {"type": "number", "prompt": "Depuis quelle année ?", "answer": 2006},
    "sommet": {"type": "number", "prompt": "Quelle année ?", "answer": 2019},
    "travailleurs": {
        "type": "number",
        "prompt": "Combien de travailleurs ?",
        "answer": 20000,
        "unit": "travailleurs",
    },
    "cinquante": {"type": "number", "prompt": "Combien ?", "answer": 50000},
    "decimal": {"type": "number", "prompt": "Combien ?", "answer": 3.5},
    "vingt": {"type": "number", "prompt": "Combien ?", "answer": 20},
    "environ": {"type": "number", "prompt": "Environ ?", "answer": 20000, "tolerance": 500},
    "decennie": {
        "type": "number",
        "prompt": "Quelle décennie ?",
        "answer": 1990,
        "range": [1990, 1999],
    },
    "millions": {"type": "number", "prompt": "Combien ?", "answer": 2000000},
    "rebatir": {
        "type": "cloze",
        "text": "Il faut {{c1::reconstruire}} le pays depuis {{c2::2019}}.",
        "accept": {"c1": ["rebâtir"]},
    },
    "dirigeant": {"type": "cloze", "text": "Le dirigeant {{c1::Kim Jong-un}} est venu."},
    # English deck: grading v3 (issue 22)
    "mali": {"type": "text", "prompt": "Which country?", "answer": "Mali"},
    "include": {"type": "text", "prompt": "Which verb?", "answer": "include"},
    "century": {"type": "text", "prompt": "Which century?", "answer": "19th century"},
    "miles": {"type": "number", "prompt": "How far?", "answer": 10, "unit": "km"},
    "three": {"type": "number", "prompt": "How many?", "answer": 3},
    "cold": {"type": "number", "prompt": "How cold?", "answer": -10},
    "ten": {"type": "number", "prompt": "How many?", "answer": 10},
    "fifties": {"type": "number", "prompt": "Which year?", "answer": 1950},
    "nineties": {"type": "number", "prompt": "Which years?", "answer": 1990, "range": [1990, 1999]},
    "war": {"type": "text", "prompt": "Which years?", "answer": "1950-1953"},
    "day": {"type": "text", "prompt": "When?", "answer": "October 7, 2022"},
    "johnson": {"type": "text", "prompt": "Who?", "answer": "Boris Johnson"},
    "second": {"type": "text", "prompt": "Which place?", "answer": "second"},
    "encyclopaedia": {"type": "text", "prompt": "Which book?", "answer": "encyclopædia"},
    # English deck
    "kremlin": {"type": "text", "prompt": "Which building?", "answer": "the Kremlin"},
    "council": {"type": "text", "prompt": "Which body?", "answer": "Security Council"},
    "moscow": {"type": "text", "prompt": "Which city?", "answer": "Moscow"},
    "korea": {"type": "text", "prompt": "Which country?", "answer": "North Korea"},
    "apple": {"type": "text", "prompt": "Which fruit?", "answer": "apple"},
    "workers": {"type": "number", "prompt": "How many?", "answer": 20000},
    "half": {"type": "number", "prompt": "How much?", "answer": 3.5},
    "year": {"type": "number", "prompt": "Which year?", "answer": 2019},
    "decade": {"type": "number", "prompt": "Which decade?", "answer": 1990, "range": [1990, 1999]},
    "millions-en": {"type": "number", "prompt": "How many?", "answer": 2000000},
    "summit": {"type": "cloze", "text": "They met in {{c1::Vladivostok}} in {{c2::2019}}."},
}

FRENCH_V3: list[tuple[str, str | list[str], str]] = [
    # Never a typo into another real word: another country, the opposite word
    ("iran", "Irak", "wrong"),
    ("iran", "iran", "correct"),
    ("norvege", "Norvege", "correct"),
    ("norvege", "Norvège.", "correct"),
    ("norvege", "Norvgèe", "almost"),
    ("majorite", "la minorité", "wrong"),
    ("majorite", "minorite", "wrong"),
    ("majorite", "majorite", "correct"),
    ("majorite", "la majortié", "almost"),
    # Centuries: another century is wrong; Roman, Arabic with endings and words are one number
    ("siecle", "XVIIe siècle", "wrong"),
    ("siecle", "XIXe siècle", "wrong"),
    ("siecle", "17e siècle", "wrong"),
    ("siecle", "18e siècle", "correct"),
    ("siecle", "XVIIIème siècle", "correct"),
    ("siecle", "xviiie siecle", "correct"),
    ("siecle", "le dix-huitième siècle", "correct"),
    ("siecle", "au XVIIIe siècle", "correct"),
    ("siecle", "18ème siècle", "correct"),
    ("siecle", "XVIIIe siècel", "almost"),
    # Another unit is another quantity; the same unit in words is right
    ("kilos", "5 litres", "wrong"),
    ("kilos", "5 tonnes", "wrong"),
    ("kilos", "5 kg", "correct"),
    ("kilos", "5 kilos", "correct"),
    ("kilos", "cinq kilogrammes", "correct"),
    ("distance", "10 miles", "wrong"),
    ("distance", "10 kilomètres", "correct"),
    ("distance", "dix km", "correct"),
    # Negations and comparisons make a number wrong
    ("sanctions", "pas en 2006", "wrong"),
    ("sanctions", "avant 2006", "wrong"),
    ("sanctions", "après 2006", "wrong"),
    ("sanctions", "depuis 2006", "correct"),
    ("dix", "plus de 10", "wrong"),
    ("dix", "moins de 10", "wrong"),
    ("dix", "au moins 10", "wrong"),
    ("dix", "moins 10", "wrong"),
    ("dix", "−10", "wrong"),
    ("dix", "environ 10", "correct"),
    # Fractions in words are read
    ("trois", "trois et demi", "wrong"),
    ("trois", "trois quarts", "wrong"),
    ("trois", "trois tiers", "wrong"),
    ("trois", "trois", "correct"),
    ("decimal", "trois et demi", "correct"),
    ("decimal", "3 et demi", "correct"),
    # Sign words and the Unicode minus
    ("froid", "moins 10", "correct"),
    ("froid", "moins dix", "correct"),
    ("froid", "−10", "correct"),
    ("froid", "-10", "correct"),
    ("froid", "10", "wrong"),
    # Percentages
    ("taux", "trente pour cent", "correct"),
    ("taux", "30 %", "correct"),
    ("taux", "30 pour cent", "correct"),
    ("taux", "30", "correct"),
    ("taux", "trente", "correct"),
    ("taux", "40 pour cent", "wrong"),
    # Spans
    ("guerre", "de 1914 à 1918", "correct"),
    ("guerre", "1914–18", "correct"),
    ("guerre", "1914 - 1918", "correct"),
    ("guerre", "de 1914 à 1919", "wrong"),
    ("guerre", "1914", "wrong"),
    ("decennie", "de 1990 à 1999", "correct"),
    # Dates, read in the deck's language
    ("date", "7 octobre 2022", "correct"),
    ("date", "le 7 octobre 2022", "correct"),
    ("date", "07/10/2022", "correct"),
    ("date", "2022-10-07", "correct"),
    ("date", "7 oct. 2022", "correct"),
    ("date", "octobre 2022", "partial"),
    ("date", "8 octobre 2022", "wrong"),
    ("date", "10/07/2022", "wrong"),
    ("date", "7 octobre 2021", "wrong"),
    # Titles before a name; the other order is close; the surname alone is not the name
    ("lavrov", "le ministre Sergueï Lavrov", "correct"),
    ("lavrov", "M. Sergueï Lavrov", "correct"),
    ("lavrov", "Lavrov Sergueï", "almost"),
    ("lavrov", "Lavrov", "wrong"),
    ("lavrov", "le ministre Lavrov", "wrong"),
    ("lavrov", "Sergueï Choïgou", "wrong"),
    # Ligatures and a forgotten elision
    ("soeur", "sa soeur", "correct"),
    ("soeur", "sa sœur", "correct"),
    ("soeur", "sa sour", "wrong"),
    ("onu", "lONU", "almost"),
    ("onu", "l onu", "correct"),
    ("onu", "l'ONU", "correct"),
    ("onu", "OTAN", "wrong"),
    # Ordinals
    ("rang", "1er", "correct"),
    ("rang", "premier", "correct"),
    ("rang", "2e", "wrong"),
    ("rang", "deuxième", "wrong"),
]
"""The rules of grading v3 (issue 22), the answers that must be wrong first."""

FRENCH: list[tuple[str, str | list[str], str]] = [
    # Leading words a learner puts in front are optional (French, and English in a French deck)
    ("petrole", "pétrole", "correct"),
    ("petrole", "du pétrole", "correct"),
    ("petrole", "en pétrole", "correct"),
    ("petrole", "le pétrole", "correct"),
    ("petrole", "de l'approvisionnement en pétrole", "correct"),
    ("petrole", "the petrole", "correct"),
    ("petrole", "gaz", "wrong"),
    ("urss", "de l'union sovietique", "correct"),
    ("urss", "de l union sovietique", "correct"),
    ("urss", "l’Union soviétique", "correct"),
    ("urss", "Union soviétique", "correct"),
    ("urss", "d'Union soviétique", "correct"),
    ("urss", "URSS", "correct"),
    ("urss", "U.R.S.S.", "correct"),
    ("urss", "de la Russie", "wrong"),
    ("moscou", "à Moscou", "correct"),
    ("moscou", "a Moscou", "correct"),  # à without its accent, as a keyboard may type it
    ("moscou", "au Moscou", "correct"),
    ("moscou", "MOSCOU.", "correct"),
    # Hyphens, spaces and dots inside names are not typos
    ("kim", "kim jong un", "correct"),
    ("kim", "Kim Jong-Un", "correct"),
    ("kim", "Kim Jong–un", "correct"),
    ("kim", "kim.jong.un", "correct"),
    ("kim", "Kim Jong Il", "wrong"),
    ("kim", "Kim Il-sung", "wrong"),
    ("kim", "Kim Jomg-un", "almost"),
    ("kim", "Kim Jomg-ub", "wrong"),  # no more than one edit in three letters of a word
    ("usa", "Etats Unis", "correct"),
    ("usa", "les États-Unis", "correct"),
    ("usa", "aux Etats-Unis", "correct"),
    ("usa", "etats-unis", "correct"),
    ("usa", "Etat-Unis", "almost"),
    # Typos: Damerau-Levenshtein, within the thresholds, shown with the right spelling
    ("moscou", "Moscuo", "almost"),
    ("moscou", "Mocsou", "almost"),
    ("moscou", "Mouscou", "almost"),
    ("moscou", "Moscuou", "almost"),
    ("moscou", "Mouscuo", "wrong"),
    ("moscou", "Minsk", "wrong"),
    ("vladivostok", "Vladivostock", "almost"),
    ("vladivostok", "Vladivsotok", "almost"),
    ("vladivostok", "Vladivstok", "almost"),
    ("csnu", "Conseil de securte", "almost"),
    ("csnu", "le conseil de sécurité", "correct"),
    ("csnu", "csnu", "correct"),
    ("csnu", "CSN", "wrong"),
    ("csnu", "Conseil de scrte", "wrong"),
    # Never other words
    ("coree", "Corée du Sud", "wrong"),
    ("coree", "Coree du Nord", "correct"),
    ("coree", "Corée du Nrod", "almost"),
    ("autriche", "Australie", "wrong"),
    ("autriche", "Autrihce", "almost"),
    ("autriche", "l'Autriche", "correct"),
    # Figures in a text answer: read as numbers, no typo tolerance
    ("annee-texte", "2019", "correct"),
    ("annee-texte", "en 2019", "correct"),
    ("annee-texte", "deux mille dix-neuf", "correct"),
    ("annee-texte", "2018", "wrong"),
    ("annee-texte", "2091", "wrong"),
    ("north", "38 north", "correct"),
    ("north", "38North", "correct"),
    ("north", "39 North", "wrong"),
    # Numbers
    ("sanctions", "2006", "correct"),
    ("sanctions", "en 2006", "correct"),
    ("sanctions", "deux mille six", "correct"),
    ("sanctions", "2006.", "correct"),
    ("sanctions", "2007", "wrong"),
    ("sanctions", "en 2006 et 2007", "wrong"),
    ("sommet", "deux mille dix-neuf", "correct"),
    ("sommet", "2019", "correct"),
    ("sommet", "2 019", "correct"),
    ("sommet", "2018", "wrong"),
    ("sommet", "vingt", "wrong"),
    ("travailleurs", "20000", "correct"),
    ("travailleurs", "20 000", "correct"),
    ("travailleurs", "20\u00a0000", "correct"),
    ("travailleurs", "20\u202f000", "correct"),
    ("travailleurs", "20.000", "correct"),
    ("travailleurs", "20,000", "correct"),
    ("travailleurs", "20'000", "correct"),
    ("travailleurs", "20’000", "correct"),
    ("travailleurs", "vingt mille", "correct"),
    ("travailleurs", "20 mille", "correct"),
    ("travailleurs", "environ 20 000", "correct"),
    ("travailleurs", "20 000 travailleurs", "correct"),
    ("travailleurs", "twenty thousand", "correct"),
    ("travailleurs", "20", "wrong"),
    ("travailleurs", "2 000", "wrong"),
    ("travailleurs", "20 0000", "wrong"),
    ("travailleurs", "20.00", "wrong"),
    ("travailleurs", "beaucoup", "wrong"),
    ("cinquante", "cinquante mille", "correct"),
    ("cinquante", "50.000", "correct"),
    ("cinquante", "50000 travailleurs", "correct"),
    ("cinquante", "50", "wrong"),
    ("cinquante", "cinq mille", "wrong"),
    ("decimal", "3,5", "correct"),
    ("decimal", "3.5", "correct"),
    ("decimal", "trois virgule cinq", "correct"),
    ("decimal", "3,50", "correct"),
    ("decimal", "35", "wrong"),
    ("decimal", "3", "wrong"),
    ("vingt", "20,000", "correct"),  # in French, 20,000 may be twenty
    ("vingt", "20", "correct"),
    ("vingt", "vingt", "correct"),
    ("vingt", "20 000", "wrong"),
    ("environ", "20 400", "correct"),
    ("environ", "19 500", "correct"),
    ("environ", "vingt mille", "correct"),
    ("environ", "20 501", "wrong"),
    ("decennie", "années 90", "correct"),
    ("decennie", "les années 1990", "correct"),
    ("decennie", "années quatre-vingt-dix", "correct"),
    ("decennie", "1995", "correct"),
    ("decennie", "1999", "correct"),
    ("decennie", "the 90s", "correct"),
    ("decennie", "2000", "wrong"),
    ("decennie", "années 80", "wrong"),
    ("decennie", "1989", "wrong"),
    ("millions", "deux millions", "correct"),
    ("millions", "2 millions", "correct"),
    ("millions", "2 000 000", "correct"),
    ("millions", "2,0 millions", "correct"),
    ("millions", "2 milliards", "wrong"),
    # Cloze blanks: the same rules, and alternatives per blank
    ("rebatir", ["reconstruire", "2019"], "correct"),
    ("rebatir", ["rebâtir", "en 2019"], "correct"),
    ("rebatir", ["rebatir", "deux mille dix-neuf"], "correct"),
    ("rebatir", ["reconstuire", "2019"], "almost"),
    ("rebatir", ["détruire", "2019"], "partial"),
    ("rebatir", ["reconstruire", "2018"], "partial"),
    ("rebatir", ["refaire", "2018"], "wrong"),
    ("dirigeant", ["kim jong un"], "correct"),
    ("dirigeant", ["Kim Jong Il"], "wrong"),
]

ENGLISH_V3: list[tuple[str, str | list[str], str]] = [
    # Never a typo into another real word
    ("mali", "Malta", "wrong"),
    ("mali", "Mail", "wrong"),
    ("mali", "mali", "correct"),
    ("include", "exclude", "wrong"),
    ("include", "inclde", "almost"),
    ("include", "to include", "correct"),
    # Centuries and ordinals
    ("century", "18th century", "wrong"),
    ("century", "nineteenth century", "correct"),
    ("century", "the 19th century", "correct"),
    ("century", "XIX century", "correct"),
    ("century", "19th centruy", "almost"),
    ("second", "2nd", "correct"),
    ("second", "second", "correct"),
    ("second", "third", "wrong"),
    ("second", "3rd", "wrong"),
    # Units, negations, comparisons, fractions, signs
    ("miles", "10 miles", "wrong"),
    ("miles", "10 kilometres", "correct"),
    ("miles", "ten km", "correct"),
    ("year", "not in 2019", "wrong"),
    ("year", "before 2019", "wrong"),
    ("year", "after 2019", "wrong"),
    ("ten", "more than 10", "wrong"),
    ("ten", "at least 10", "wrong"),
    ("ten", "minus ten", "wrong"),
    ("ten", "about 10", "correct"),
    ("three", "three and a half", "wrong"),
    ("three", "three", "correct"),
    ("half", "three and a half", "correct"),
    ("cold", "minus ten", "correct"),
    ("cold", "−10", "correct"),
    ("cold", "ten", "wrong"),
    # Years said the English way, spans
    ("fifties", "nineteen fifty", "correct"),
    ("fifties", "nineteen fifty-one", "wrong"),
    ("year", "twenty nineteen", "correct"),
    ("nineties", "between 1990 and 1999", "correct"),
    ("nineties", "from 1990 to 1999", "correct"),
    ("nineties", "from 1990 to 2000", "wrong"),
    ("war", "1950–53", "correct"),
    ("war", "from 1950 to 1953", "correct"),
    ("war", "1950-1954", "wrong"),
    # Dates
    ("day", "October 7, 2022", "correct"),
    ("day", "7 October 2022", "correct"),
    ("day", "the 7th of October 2022", "correct"),
    ("day", "Oct 7 2022", "correct"),
    ("day", "2022-10-07", "correct"),
    ("day", "10/7/2022", "wrong"),  # October 7 or July 10: not guessed
    ("day", "October 2022", "partial"),
    ("day", "October 8, 2022", "wrong"),
    # Titles, order, surname
    ("johnson", "Prime Minister Boris Johnson", "correct"),
    ("johnson", "Mr Boris Johnson", "correct"),
    ("johnson", "Johnson Boris", "almost"),
    ("johnson", "Johnson", "wrong"),
    ("johnson", "Boris Yeltsin", "wrong"),
    # Ligatures
    ("encyclopaedia", "encyclopaedia", "correct"),
    ("encyclopaedia", "Encyclopædia", "correct"),
]

ENGLISH: list[tuple[str, str | list[str], str]] = [
    ("kremlin", "the Kremlin", "correct"),
    ("kremlin", "Kremlin", "correct"),
    ("kremlin", "in the Kremlin", "correct"),
    ("kremlin", "at the kremlin", "correct"),
    ("kremlin", "Kremiln", "almost"),
    ("kremlin", "the White House", "wrong"),
    ("council", "the Security Council", "correct"),
    ("council", "security-council", "correct"),
    ("council", "Securty Council", "almost"),
    ("council", "General Assembly", "wrong"),
    ("moscow", "to Moscow", "correct"),
    ("moscow", "in Moscow", "correct"),
    ("moscow", "Mosocw", "almost"),
    ("moscow", "Minsk", "wrong"),
    ("korea", "North Korea", "correct"),
    ("korea", "north-korea", "correct"),
    ("korea", "South Korea", "wrong"),
    ("apple", "an apple", "correct"),
    ("apple", "a apple", "correct"),
    ("apple", "pear", "wrong"),
    ("workers", "20,000", "correct"),
    ("workers", "20 000", "correct"),
    ("workers", "twenty thousand", "correct"),
    ("workers", "20 thousand", "correct"),
    ("workers", "about 20,000", "correct"),
    ("workers", "20,000 workers", "correct"),
    ("workers", "20", "wrong"),
    ("workers", "twenty", "wrong"),
    ("half", "3.5", "correct"),
    ("half", "three point five", "correct"),
    ("half", "3,5", "wrong"),  # no decimal comma in English
    ("year", "in 2019", "correct"),
    ("year", "two thousand nineteen", "correct"),
    ("year", "2019.", "correct"),
    ("year", "2018", "wrong"),
    ("decade", "the 1990s", "correct"),
    ("decade", "the 90s", "correct"),
    ("decade", "1990s", "correct"),
    ("decade", "the 80s", "wrong"),
    ("millions-en", "2 million", "correct"),
    ("millions-en", "2 millions", "correct"),
    ("millions-en", "two million", "correct"),
    ("millions-en", "2,000,000", "correct"),
    ("millions-en", "2 thousand", "wrong"),
    ("summit", ["Vladivostok", "2019"], "correct"),
    ("summit", ["in Vladivostok", "in 2019"], "correct"),
    ("summit", ["Vladivostock", "2019"], "almost"),
    ("summit", ["Vladivostok", "2018"], "partial"),
]

TABLE_V3: list[tuple[str, str, str | list[str], str]] = [
    ("fr", key, typed, verdict) for key, typed, verdict in FRENCH_V3
] + [("en", key, typed, verdict) for key, typed, verdict in ENGLISH_V3]
"""The rows of grading v3's rules (issue 22), which the Anki cards' JavaScript grader is held to
as to the rest of the table (tests/web/test_anki_grader.py)."""
TABLE: list[tuple[str, str, str | list[str], str]] = (
    TABLE_V3[: len(FRENCH_V3)]
    + [("fr", key, typed, verdict) for key, typed, verdict in FRENCH]
    + TABLE_V3[len(FRENCH_V3) :]
    + [("en", key, typed, verdict) for key, typed, verdict in ENGLISH]
)
"""(deck language, question, what was typed, the verdict)."""


def row_id(row: tuple[str, str, str | list[str], str]) -> str:
    """A row as a test id: ``fr:moscou:Moscuo``."""
    language, key, typed, _ = row
    shown = " / ".join(typed) if isinstance(typed, list) else typed
    return f"{language}:{key}:{shown}"


Row = tuple[str, str, str | list[str], str]


def rows_of(language: str, rows: list[Row] | None = None) -> list[Row]:
    """The rows (of the table, or ``rows``) in ``language``, in order."""
    return [row for row in (TABLE if rows is None else rows) if row[0] == language]


def table_deck(language: str, rows: list[Row] | None = None) -> dict[str, Any]:
    """A deck with one question per row of ``language`` (of the table, or of ``rows``), ids
    ``r0``, ``r1``... in the rows' order."""
    rows = rows_of(language, rows)
    questions = [{"id": f"r{index}", **QUESTIONS[key]} for index, (_, key, _, _) in enumerate(rows)]
    return {
        "nkquiz": 1,
        "id": f"verdicts-{language}",
        "title": f"Verdicts ({language})",
        "language": language,
        "sections": [{"id": "all", "title": "All", "questions": questions}],
    }


def write_table_deck(folder: Path, language: str, rows: list[Row] | None = None) -> Path:
    """The deck of ``language``'s rows as a file (JSON is YAML too)."""
    path = folder / f"verdicts-{language}.yaml"
    deck = table_deck(language, rows)
    path.write_text(json.dumps(deck, ensure_ascii=False), encoding="utf-8")
    return path
