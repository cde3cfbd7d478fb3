"""Synthetic decks for benchmarks: ``python bench/generate.py N [SEED] > deck.yaml``.

The same N and seed always give the same deck. Questions cycle through every type, in sections of
100, with text about as long as in the bundled deck (10,000 questions make about 6 MB), accents and
characters that need escaping included.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable

SECTION_SIZE = 100
WORDS = [
    *("accord", "alliance", "armée", "blé", "Conseil", "crise", "dirigeant", "embargo", "État"),
    *("Moscou", "Pyongyang", "pétrole", "sanction", "sommet", "traité", "veto", "guerre"),
    *("frontière", "usine", "port", "navire", "l’aide", "&", "<les>", "travailleurs"),
]


def _text(rng: random.Random, low: int, high: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))
    return text[:1].upper() + text[1:]


def _distinct(rng: random.Random, count: int, low: int = 1, high: int = 4) -> list[str]:
    """``count`` different short texts, numbered so that they never repeat."""
    return [f"{_text(rng, low, high)} {n}" for n in range(1, count + 1)]


def _choice(rng: random.Random) -> dict[str, object]:
    choices = _distinct(rng, rng.randint(3, 5))
    return {"prompt": _text(rng, 8, 16) + " ?", "choices": choices, "answer": rng.choice(choices)}


def _multi(rng: random.Random) -> dict[str, object]:
    choices = _distinct(rng, rng.randint(4, 6))
    answers = rng.sample(choices, rng.randint(1, 3))
    return {"prompt": _text(rng, 8, 16) + " ?", "choices": choices, "answers": answers}


def _truefalse(rng: random.Random) -> dict[str, object]:
    return {"prompt": _text(rng, 8, 16) + ".", "answer": rng.random() < 0.5}


def _text_answer(rng: random.Random) -> dict[str, object]:
    accept = _distinct(rng, rng.randint(0, 2))
    return {"prompt": _text(rng, 8, 16) + " ?", "answer": _text(rng, 1, 3), "accept": accept}


def _number(rng: random.Random) -> dict[str, object]:
    return {
        "prompt": _text(rng, 8, 16) + " ?",
        "answer": rng.randint(1, 100_000),
        "tolerance": rng.choice([0, 1, 10]),
        "unit": rng.choice(["km", "tonnes", "travailleurs"]),
    }


def _cloze(rng: random.Random) -> dict[str, object]:
    blanks = [f"{{{{c{n}::{_text(rng, 1, 2)}}}}}" for n in range(1, rng.randint(1, 3) + 1)]
    return {"text": " ".join(f"{_text(rng, 3, 6)} {blank}" for blank in blanks) + "."}


def _order(rng: random.Random) -> dict[str, object]:
    return {"prompt": _text(rng, 6, 10) + ".", "items": _distinct(rng, rng.randint(3, 6))}


def _match(rng: random.Random) -> dict[str, object]:
    count = rng.randint(3, 5)
    pairs = list(zip(_distinct(rng, count), _distinct(rng, count, 2, 5), strict=True))
    return {"prompt": _text(rng, 6, 10) + ".", "pairs": [list(pair) for pair in pairs]}


def _card(rng: random.Random) -> dict[str, object]:
    return {"front": _text(rng, 1, 3), "back": _text(rng, 3, 8), "reverse": rng.random() < 0.5}


KINDS: dict[str, Callable[[random.Random], dict[str, object]]] = {
    "choice": _choice,
    "multi": _multi,
    "truefalse": _truefalse,
    "text": _text_answer,
    "number": _number,
    "cloze": _cloze,
    "order": _order,
    "match": _match,
    "card": _card,
}


def generate_deck_text(n: int, seed: int = 0, section_size: int = SECTION_SIZE) -> str:
    """A valid deck of ``n`` questions as YAML text, in sections of ``section_size`` questions;
    strings are written as JSON, which YAML reads as double-quoted scalars."""
    if n < 1:
        raise ValueError("a deck needs at least one question")
    rng = random.Random(seed)
    lines = [
        "nkquiz: 1",
        f"id: bench-{n}",
        f"title: {json.dumps(f'Synthetic deck of {n} questions')}",
        "language: fr",
        "sections:",
    ]
    for start in range(0, n, section_size):
        lines += [
            f"  - id: section-{start // section_size + 1}",
            f"    title: {json.dumps(_text(rng, 2, 5), ensure_ascii=False)}",
            "    questions:",
        ]
        for index in range(start, min(start + section_size, n)):
            kind = list(KINDS)[index % len(KINDS)]
            question = {
                "id": f"q{index + 1}",
                "type": kind,
                **KINDS[kind](rng),
                "explanation": _text(rng, 15, 30) + ".",
                "quote": _text(rng, 10, 20),
                "difficulty": rng.randint(1, 3),
                "tags": [f"tag-{rng.randint(1, 20)}"],
            }
            lines.append("      - " + json.dumps(question, ensure_ascii=False))
    return "\n".join(lines) + "\n"


PEOPLE = [
    "Claire Dumas",
    "Marc Lefort",
    "Paul Girard",
    "Anne Roussel",
    "Jean Morel",
    "Lucie Perrin",
]
PLACES = ["Lyon", "Grenoble", "Valence", "Annecy", "Chambéry", "Vienne", "Romans", "Voiron"]
SENTENCES = [
    "En {year}, {person} a inauguré à {place} une usine qui emploie {count} ouvriers.",
    "Selon {person}, la production a augmenté de {percent} % depuis le mois de {month}.",
    "« Nous avons doublé nos exportations vers {place} », a déclaré {person}.",
    "Le conseil municipal de {place} a voté un budget de {money} millions d’euros en {year}.",
    "Les riverains redoutent les embâcles et les crues qui bloquent la rivière chaque hiver.",
    "{person} a affirmé que le chantier de {place} serait terminé avant la fin de {year}.",
    "La ligne de tramway reliera {place} à {other} sur {km} kilomètres dès le mois de {month}.",
]
MONTHS = ["janvier", "mars", "mai", "juin", "septembre", "novembre"]


def generate_article(paragraphs: int, seed: int = 0) -> str:
    """A French article of ``paragraphs`` paragraphs of three sentences, with a heading every
    ten paragraphs, and names, places, figures, dates and quotations for every generator: the
    same text for the same arguments, for the drafting benchmark."""
    rng = random.Random(seed)
    blocks = [f"Article synthétique de {paragraphs} paragraphes"]
    for index in range(paragraphs):
        if index % 10 == 0:
            blocks.append(f"Partie {index // 10 + 1}")
        sentences = []
        for _ in range(3):
            place, other = rng.sample(PLACES, 2)
            sentences.append(
                rng.choice(SENTENCES).format(
                    year=rng.randint(1950, 2024),
                    person=rng.choice(PEOPLE),
                    place=place,
                    other=other,
                    count=f"{rng.randint(2, 90)}\u00a0{rng.randint(100, 999)}",
                    percent=rng.randint(2, 60),
                    month=rng.choice(MONTHS),
                    money=rng.randint(2, 400),
                    km=rng.randint(3, 40),
                )
            )
        blocks.append(" ".join(sentences))
    return "\n\n".join(blocks) + "\n"


if __name__ == "__main__":
    if not 2 <= len(sys.argv) <= 3 or not all(arg.isdigit() for arg in sys.argv[1:]):
        sys.exit("usage: python bench/generate.py N [SEED] > deck.yaml")
    sys.stdout.write(generate_deck_text(*map(int, sys.argv[1:])))
