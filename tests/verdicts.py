"""One table of typed answers and the verdict a teacher gives each, in a French and an English
deck: every rule of docs/deck-format.md's "What counts as right" has its rows, the answers that
must be wrong ("never other words") included. The engine, plain mode and the app all run it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

QUESTIONS: dict[str, dict[str, Any]] = {
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

TABLE: list[tuple[str, str, str | list[str], str]] = [
    ("fr", key, typed, verdict) for key, typed, verdict in FRENCH
] + [("en", key, typed, verdict) for key, typed, verdict in ENGLISH]
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
