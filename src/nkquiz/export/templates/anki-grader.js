// nkquiz's grader, in JavaScript, for Anki cards: the rules of src/nkquiz/engine/grading.py,
// engine/numbers.py and engine/dates.py, written once more so that a card graded in Anki
// (desktop, AnkiDroid, AnkiMobile: no network, no add-on) gets the verdict nkquiz would give.
// Each rule has one function here, named as in the Python (answerWords for answer_words...).
// Both are run on the same table of cases (tests/verdicts.py) in CI, so that they cannot drift
// apart; docs/deck-format.md names the few places where this one cannot follow the Python.
//
// The one rule that needs data the card cannot hold, whether a typo made another real word of
// the language (engine/words.py, a word list of 100 000 words), comes from the exporter: the
// note's data field lists the real words near each accepted answer (grading.typo_words), and
// those alone are refused as typos.
//
// Written in plain ES2018 without modules (Unicode property escapes, no lookbehind, which
// older iOS lacks), as card templates run it: it defines one global, nkquizGrader.
var nkquizGrader = (function () {
  "use strict";

  var APOSTROPHES = "\u2019\u2018\u02bc`\u00b4\u2032'";
  var QUOTATION_MARKS = "\u00ab\u00bb\u201c\u201d\u201e\u201f\"";
  var DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212";
  var FRENCH_LEADING = ["de la", "de l'", "le", "la", "l'", "les", "un", "une", "des", "du",
    "d'", "de", "au", "aux", "à", "en"];
  var ENGLISH_LEADING = ["the", "a", "an", "to", "in", "at", "on", "of"];
  var LEADING = { fr: FRENCH_LEADING, en: ENGLISH_LEADING };
  var DECIMAL_COMMA = ["fr", "de", "es", "it", "pt", "nl", "ru", "pl", "cs", "sk", "sl", "hr",
    "sr", "bg", "ro", "hu", "sv", "da", "nb", "nn", "no", "fi", "tr", "el", "uk", "ca", "id",
    "vi"];
  var WORD_CHAR = "[\\p{L}\\p{N}_]";  // Python's \w, which JavaScript's is not (ASCII only)

  function base(language) { return String(language || "en").split("-")[0].toLowerCase(); }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function translate(text, chars, to) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      out += chars.indexOf(text[i]) >= 0 ? to : text[i];
    }
    return out;
  }

  // grading._FOLDS: one apostrophe, quotation marks as spaces, one dash, œ and æ as oe and ae.
  function fold(text) {
    text = translate(text, APOSTROPHES, "'");
    text = translate(text, QUOTATION_MARKS, " ");
    text = translate(text, DASHES, "-");
    return text.replace(/œ/g, "oe").replace(/æ/g, "ae");
  }

  function stripAccents(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "");
  }

  var leadingCache = {};
  function leadingWords(language) {
    var key = base(language);
    if (!leadingCache[key]) {
      var words = (LEADING[key] || []).concat(ENGLISH_LEADING)
        .filter(function (w, i, all) { return all.indexOf(w) === i; })
        .sort(function (a, b) { return b.length - a.length; });
      var spelled = words.map(function (w) {
        return w.slice(-1) === "'"
          ? escapeRegExp(w.slice(0, -1)) + "(?:' ?| )"
          : escapeRegExp(w) + " ";
      });
      leadingCache[key] = new RegExp("^(?:" + spelled.join("|") + ")");
    }
    return leadingCache[key];
  }

  // Centuries and ordinals (grading._ordinal, _capital_roman, _roman_value).
  var ORDINAL = /^(\d+)(?:e|eme|ieme|er|ere|re|nd|nde|st|rd|th)$/;
  var ROMAN = /^(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})(e|eme|ieme|er|ere|re|nd|st|rd|th)?$/;
  var ROMAN_VALUES = { i: 1, v: 5, x: 10, l: 50, c: 100 };
  var CAPITAL_ROMAN = new RegExp("(^|[^\\p{L}\\p{N}_])([IVXLC]+)" +
    "(e|eme|ème|ieme|ième|è|er|ere|ère|re|nd|st|rd|th)?(?!" + WORD_CHAR + ")", "gu");
  var ORDINAL_WORD = new RegExp("(?:ième|ieme|premier|première|premiere|second|seconde|first" +
    "|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|teenth|tieth" +
    "|hundredth|thousandth)(?!" + WORD_CHAR + ")", "u");

  function romanValue(letters) {
    var value = 0, previous = 0;
    for (var i = letters.length - 1; i >= 0; i--) {
      var current = ROMAN_VALUES[letters[i]];
      value += current < previous ? -current : current;
      previous = Math.max(previous, current);
    }
    return value;
  }

  function capitalRoman(text) {
    return text.replace(CAPITAL_ROMAN, function (whole, before, letters, ending) {
      var lower = letters.toLowerCase();
      if (!ROMAN.test(lower) || (ending && (lower === "l" || lower === "c"))) { return whole; }
      if (!ending && lower.length < 2) { return whole; }
      return before + romanValue(lower) + "e";
    });
  }

  function ordinal(word) {
    if ("0123456789ivxlc".indexOf(word[0]) < 0) { return word; }
    var found = ORDINAL.exec(word);
    if (found) { return found[1] + "e"; }
    var roman = ROMAN.exec(word);
    if (roman) {
      var digits = roman[1] + roman[2] + roman[3];
      if (digits.indexOf("x") >= 0 || digits.length >= 3) { return romanValue(digits) + "e"; }
    }
    return word;
  }

  // The words in which typed answers are compared (grading.answer_words), in the same steps.
  function answerWords(text, language) {
    text = capitalRoman(text);
    text = fold(text.toLowerCase().normalize("NFKC"));
    text = text.replace(/\s+/g, " ").trim().replace(/[.!?…]+$/, "").trim();
    var leading = leadingWords(language);
    var found;
    while ((found = leading.exec(text)) && found[0].length < text.length) {
      text = text.slice(found[0].length).replace(/^\s+/, "");
    }
    var words = base(language);
    if (ORDINAL_WORD.test(text) && (words === "fr" || words === "en")) {
      text = wordsToDigits(text.replace(/ieme/g, "ième"), words);
    }
    return stripAccents(text).split(/[\s\-.']+/).filter(function (w) { return w; })
      .map(ordinal);
  }

  function typosAllowed(right) {
    var length = right.length;
    return length < 5 ? 0 : length < 10 ? 1 : 2;
  }

  // The Damerau-Levenshtein distance, as rapidfuzz's DamerauLevenshtein counts it: a swap of two
  // neighbouring letters is one edit, even with other edits around it (Lowrance and Wagner).
  function distance(a, b) {
    var far = a.length + b.length, seen = {}, d = [];
    for (var i = 0; i <= a.length + 1; i++) { d.push(new Array(b.length + 2).fill(far)); }
    for (i = 0; i <= a.length; i++) { d[i + 1][1] = i; }
    for (var j = 0; j <= b.length; j++) { d[1][j + 1] = j; }
    for (i = 1; i <= a.length; i++) {
      var lastMatch = 0;
      for (j = 1; j <= b.length; j++) {
        var k = seen[b[j - 1]] || 0, l = lastMatch, cost = 1;
        if (a[i - 1] === b[j - 1]) { cost = 0; lastMatch = j; }
        d[i + 1][j + 1] = Math.min(d[i][j] + cost, d[i + 1][j] + 1, d[i][j + 1] + 1,
          d[k][l] + (i - k - 1) + 1 + (j - l - 1));
      }
      seen[a[i - 1]] = i;
    }
    return d[a.length + 1][b.length + 1];
  }

  function digitRuns(text) { return text.match(/\d+/g) || []; }

  function withoutSx(word) { return word.replace(/[sx]+$/, ""); }

  // grading._misspelt: the edits that make typed the right words, or null when they are other
  // words; realWords holds the real words of the language near the right ones (is_word).
  function misspelt(typed, right, realWords) {
    if (typed.length !== right.length) { return null; }
    if (digitRuns(typed.join(" ")).join(",") !== digitRuns(right.join(" ")).join(",")) {
      return null;
    }
    var allowed = typosAllowed(right.join(" "));
    var edits = 0, slips = [];
    for (var i = 0; i < typed.length; i++) {
      var cutoff = Math.min(allowed - edits, Math.floor(right[i].length / 3));
      var d = distance(typed[i], right[i]);
      if (d > cutoff) { return null; }
      if (d) { slips.push([typed[i], right[i]]); }
      edits += d;
    }
    for (i = 0; i < slips.length; i++) {
      if (withoutSx(slips[i][0]) !== withoutSx(slips[i][1]) && has(realWords, slips[i][0])) {
        return null;
      }
    }
    return edits;
  }

  // grading.TITLES: titles before a name, dropped from a typed answer when the rest is the name.
  var TITLES = [
    ["le", "president"], ["la", "presidente"], ["president"], ["presidente"],
    ["le", "premier", "ministre"], ["la", "premiere", "ministre"], ["premier", "ministre"],
    ["premiere", "ministre"], ["1er", "ministre"], ["1ere", "ministre"], ["1e", "ministre"],
    ["le", "ministre"], ["la", "ministre"], ["ministre"], ["le", "general"], ["general"],
    ["le", "dirigeant"], ["dirigeant"], ["m"], ["mme"], ["mlle"], ["monsieur"],
    ["madame"], ["dr"], ["docteur"], ["prime", "minister"], ["minister"], ["mr"],
    ["mrs"], ["ms"], ["miss"], ["sir"], ["leader"], ["chancellor"], ["chancelier"],
  ];
  var ELIDED = /^\s*([lLdDjJ])(?=[A-ZÀ-Ý]{2})/;

  function withoutTitle(typed) {
    for (var i = 0; i < TITLES.length; i++) {
      var title = TITLES[i];
      if (typed.length > title.length &&
          typed.slice(0, title.length).join(" ") === title.join(" ")) {
        return typed.slice(title.length);
      }
    }
    return null;
  }

  // Numbers (engine/numbers.py).

  var LETTER = /\p{L}/u;
  var CHUNK = /(?:^|[^\p{L}\p{N}_-])([-+]?\d(?:[\d.,']|\s(?=\d))*)/gu;

  function figures(text) {
    var found = [], match;
    CHUNK.lastIndex = 0;
    while ((match = CHUNK.exec(text)) !== null) {
      found.push(match[1]);
      // the figure's last character may be what comes before the next one ("2019.-0")
      CHUNK.lastIndex = Math.max(match.index + 1, match.index + match[0].length - 1);
    }
    return found;
  }

  function isFigure(text) {
    var trimmed = text.trim();
    if (LETTER.test(trimmed)) { return false; }
    return /^[-+]?\d(?:[\d.,']|\s(?=\d))*$/u.test(trimmed);
  }

  function ungrouped(whole, decimal) {
    if (/^\d+$/.test(whole)) { return whole; }
    var separators = {};
    for (var i = 0; i < whole.length; i++) {
      if (!/\d/.test(whole[i])) { separators[whole[i]] = true; }
    }
    var kinds = Object.keys(separators);
    if (kinds.length !== 1 || kinds[0] === decimal || " '.,".indexOf(kinds[0]) < 0) {
      return null;
    }
    var groups = whole.split(kinds[0]);
    var first = groups.shift();
    if (!/^\d{1,3}$/.test(first)) { return null; }
    for (i = 0; i < groups.length; i++) {
      if (!/^\d{3}$/.test(groups[i])) { return null; }
    }
    return first + groups.join("");
  }

  function chunkReadings(chunk, decimalComma) {
    var sign = chunk[0] === "-" ? -1 : 1;
    chunk = chunk.replace(/^[+-]+/, "");
    var found = [];
    var decimals = decimalComma ? [null, ".", ","] : [null, "."];
    decimals.forEach(function (decimal) {
      var whole = chunk, fraction = "";
      if (decimal !== null) {
        var at = chunk.lastIndexOf(decimal);
        if (at < 0) { return; }
        whole = chunk.slice(0, at);
        fraction = chunk.slice(at + 1);
        if (!/^\d+$/.test(fraction)) { return; }
      }
      var digits = ungrouped(whole, decimal);
      if (digits !== null) { found.push(sign * parseFloat(digits + "." + (fraction || "0"))); }
    });
    return found;
  }

  var DECADE = new RegExp("ann[ée]es\\s+(\\d{2}|\\d{4})(?!" + WORD_CHAR + ")" +
    "|(?:^|[^\\p{L}\\p{N}_'])'?(\\d{2}|\\d{4})'?s(?!" + WORD_CHAR + ")", "u");

  function figureReadings(text, decimalComma, decades) {
    var chunks = figures(text);
    if (chunks.length !== 1) { return []; }
    var chunk = chunks[0].trim().replace(/[.,']+$/, "").trim();
    var decade = decades ? DECADE.exec(text) : null;
    if (decade) {
      var digits = decade[1] || decade[2];
      var year = parseInt(digits, 10);
      if (year % 10 === 0 && chunk.replace(/^'+/, "") === digits) {
        return digits.length === 4 ? [year] : [1900 + year, 2000 + year];
      }
    }
    return chunkReadings(chunk, decimalComma);
  }

  // Number words, in French and English: a run of number words is one number, as text2num reads
  // them (engine/numbers.py hands this to text2num, which JavaScript does not have).
  var FRENCH_UNITS = { zero: 0, "zéro": 0, un: 1, une: 1, deux: 2, trois: 3, quatre: 4, cinq: 5,
    six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12, treize: 13, quatorze: 14,
    quinze: 15, seize: 16, vingt: 20, vingts: 20, trente: 30, quarante: 40, cinquante: 50,
    soixante: 60, septante: 70, huitante: 80, octante: 80, nonante: 90 };
  var ENGLISH_UNITS = { zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7,
    eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15,
    sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40,
    fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
  var WORDS = {
    fr: { french: true, units: FRENCH_UNITS, hundred: ["cent", "cents"], joiners: ["et"],
      multipliers: { mille: 1e3, mil: 1e3, mils: 1e3, milles: 1e3, million: 1e6, millions: 1e6,
        milliard: 1e9, milliards: 1e9 },
      point: "virgule", decimal: ",",
      ordinals: { premier: "un", "première": "un" }, ordinalEndings: [["ième", ""]],
      noOrdinal: ["vingts", "cents"], takesS: false },
    en: { french: false, units: ENGLISH_UNITS, hundred: ["hundred", "hundreds"], joiners: ["and"],
      multipliers: { thousand: 1e3, thousands: 1e3, million: 1e6, millions: 1e6, billion: 1e9,
        billions: 1e9 }, point: "point", decimal: ".",
      ordinals: { first: "one", second: "two", third: "three", fifth: "five", eighth: "eight",
        ninth: "nine", twelfth: "twelve" }, ordinalEndings: [["ieth", "y"], ["th", ""]],
      noOrdinal: [], takesS: true },
  };

  function isCardinalWord(word, words) {
    return has(words.units, word) || words.hundred.indexOf(word) >= 0 ||
      has(words.multipliers, word);
  }

  // The number word an ordinal word is made of (dix-huitième: huit; twentieth: twenty), or
  // null: text2num reads ordinals as their number and an ending (18ème, 20th), written 18e here.
  function ordinalOf(word, words) {
    if (has(words.ordinals, word)) { return words.ordinals[word]; }
    for (var i = 0; i < words.ordinalEndings.length; i++) {
      var ending = words.ordinalEndings[i];
      if (word.length > ending[0].length && word.slice(-ending[0].length) === ending[0]) {
        var stem = word.slice(0, -ending[0].length) + ending[1];
        var tries = [stem, stem + "e", stem.replace(/v$/, "f"), stem.replace(/qu$/, "q")];
        for (var j = 0; j < tries.length; j++) {
          if (isCardinalWord(tries[j], words) && words.noOrdinal.indexOf(tries[j]) < 0) {
            return tries[j];  // vingtsième is no ordinal: text2num reads it as no number
          }
        }
      }
    }
    return null;
  }

  // "threes", "twentys": English number words take an s, as text2num reads them ("sixes" not).
  function singular(word, words) {
    var stem = word.slice(0, -1);
    return words.takesS && word.slice(-1) === "s" && has(words.units, stem) ? stem : word;
  }

  function isNumberWord(word, words) {
    return isCardinalWord(singular(word, words), words) || ordinalOf(word, words) !== null;
  }

  // Whether a number word may follow another below a hundred in one number: a unit after tens
  // (twenty-one, vingt et un), and in French dix-sept to dix-neuf, soixante-dix to
  // quatre-vingt-dix-neuf, and the quatre of quatre-vingts.
  function follows(last, value, french) {
    var tens = last >= 20 && last % 10 === 0;
    if (tens && value < 10) { return true; }
    if (!french) { return false; }
    return (last === 10 && value >= 7 && value <= 9) ||
      ((last === 60 || last === 80) && value >= 10 && value < 20) ||
      (last === 4 && value === 20);
  }

  // The numbers a run of number words says (already split on spaces and hyphens), as text2num
  // reads them: one number while each word may follow the last, a new one where it may not
  // ("nineteen fifty" is 19 50, "vingt trente" 20 30); an ordinal ends its number, with an e.
  function runNumbers(tokens, words) {
    var numbers = [], total = 0, group = 0, last = null, seen = false;
    function close(ending) {
      if (seen) { numbers.push(String(total + group) + ending); }
      total = 0; group = 0; last = null; seen = false;
    }
    for (var i = 0; i < tokens.length; i++) {
      var token = tokens[i];
      if (words.joiners.indexOf(token) >= 0) { continue; }
      var cardinal = ordinalOf(token, words);
      var word = cardinal === null ? singular(token, words) : cardinal;
      if (has(words.units, word)) {
        var value = words.units[word];
        if (last !== null && last < 100 && !follows(last, value, words.french)) { close(""); }
        if (last === 4 && value === 20) { group -= 4; value = 80; }  // quatre-vingt(s)
        group += value;
        last = value;
      } else if (words.hundred.indexOf(word) >= 0) {
        group = (group || 1) * 100;
        last = 100;
      } else {
        var factor = words.multipliers[word];
        total += (group || 1) * factor;
        group = 0;
        last = factor;
      }
      seen = true;
      if (cardinal !== null) { close("e"); }
    }
    close("");
    return numbers;
  }

  // numbers._in_digits: the number words of text written in digits (20 mille: 20000).
  function wordsToDigits(text, language) {
    var words = WORDS[language];
    text = multiplied(text, language);
    // text2num's tokens: the punctuation before a word and after it apart ("'two", "two,"),
    // but an apostrophe after it kept ("two'" is no number); a hyphenated word in its parts
    // when all of them are number words (vingt-et-un), else whole ("fifty-x").
    var tokens = [];
    text.split(/(\s+)/).forEach(function (chunk) {
      if (!chunk || /^\s+$/.test(chunk)) { if (chunk) { tokens.push(chunk); } return; }
      var edges = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}']*)$/u.exec(chunk);
      var parts = edges[2].split("-");
      if (edges[1]) { tokens.push(edges[1]); }
      if (parts.length > 1 && parts.every(function (part) {
        return isNumberWord(part, words) || words.joiners.indexOf(part) >= 0;
      })) {
        parts.forEach(function (part, i) { if (i) { tokens.push("-"); } tokens.push(part); });
      } else if (edges[2]) {
        tokens.push(edges[2]);
      }
      if (edges[3]) { tokens.push(edges[3]); }
    });
    var out = [], run = [], runText = [];
    function flush() {
      var numeric = run.filter(function (t) { return words.joiners.indexOf(t) < 0; });
      if (numeric.length) {
        var trailing = [];  // "trois et demi": the et, and the space before it, stay words
        while (run.length && words.joiners.indexOf(run[run.length - 1]) >= 0) {
          var joiner = run.pop(), piece = [];
          while (runText.length) {
            piece.unshift(runText.pop());
            if (piece[0] === joiner) { break; }
          }
          while (runText.length && /^(\s+|-)$/.test(runText[runText.length - 1])) {
            piece.unshift(runText.pop());
          }
          trailing = piece.concat(trailing);
        }
        out.push(runNumbers(run, words).map(function (n) { return "\u0001" + n + "\u0002"; })
          .join(" "));
        out.push(trailing.join(""));
      } else {
        out.push(runText.join(""));
      }
      run = [];
      runText = [];
    }
    for (var i = 0; i < tokens.length; i++) {
      var token = tokens[i];
      if (/^(\s+|-)$/.test(token)) {
        if (run.length) { runText.push(token); } else { out.push(token); }
        continue;
      }
      if (isNumberWord(token, words) || (run.length && words.joiners.indexOf(token) >= 0)) {
        run.push(token);
        runText.push(token);
      } else {
        if (run.length) {
          // keep the separators after a run outside it
          var tail = [];
          while (runText.length && /^(\s+|-)$/.test(runText[runText.length - 1])) {
            tail.unshift(runText.pop());
          }
          flush();
          out.push(tail.join(""));
        }
        out.push(token);
      }
    }
    if (run.length) { flush(); }
    // "trois virgule cinq", "three point five": both sides said in words (marked: "3 point 5"
    // is left as it is, as text2num leaves it)
    return out.join("").replace(
      new RegExp("\u0001(\\d+)\u0002\\s+" + words.point + "\\s+\u0001(\\d+)\u0002", "g"),
      function (m, whole, fraction) { return whole + words.decimal + fraction; })
      .replace(/[\u0001\u0002]/g, "");
  }

  // numbers._multiplied: 20 mille, 2,5 millions.
  function multiplied(text, language) {
    var words = WORDS[language];
    return text.replace(/(^|[^\d.,'])(\d+(?:[.,]\d+)?)\s*(\p{L}+)/gu,
      function (m, before, digits, word) {
        var factor = words.multipliers[word];
        if (!factor) { return m; }
        var value = parseFloat(digits.replace(",", ".")) * factor;
        return before + (Number.isInteger(value) ? value.toFixed(0) : String(value));
      });
  }

  // The words around a number that change what it says (numbers.py's tables, the same lists).
  var PERCENT_WORDS = ["pour cent", "pourcent", "per cent", "percent"];
  var SIGN_WORDS = ["moins", "minus", "negatif", "negative"];
  var NEGATIONS = ["pas", "ne", "n", "non", "jamais", "avant", "apres", "après", "plus", "moins",
    "sauf", "sans", "jusqu", "jusque", "not", "no", "never", "before", "after", "more", "less",
    "fewer", "over", "under", "least", "most", "than", "except", "without", "until", "till"];
  var FRACTIONS = { "et demi": 0.5, "et demie": 0.5, "and a half": 0.5, "et quart": 0.25,
    "and a quarter": 0.25, "trois quarts": 0.75, "and three quarters": 0.75 };
  var ALONE_FRACTIONS = { "1 demi": 0.5, "1 demie": 0.5, "a half": 0.5, "1 half": 0.5,
    "1 quart": 0.25, "a quarter": 0.25, "1 quarter": 0.25 };
  var FRACTION_WORDS = ["demi", "demie", "demis", "quart", "quarts", "tiers", "half", "quarter",
    "quarters", "third", "thirds", "halves"];
  var FRACTION = new RegExp("(\\d+) (" + Object.keys(FRACTIONS)
    .sort(function (a, b) { return b.length - a.length; }).join("|") + ")(?!" + WORD_CHAR + ")",
    "gu");
  var ALONE_FRACTION = new RegExp("(^|[^\\p{L}\\p{N}_.,])(" + Object.keys(ALONE_FRACTIONS)
    .join("|") + ")(?!" + WORD_CHAR + ")", "gu");
  var SIGNED = new RegExp("(?:^| )(?:" + SIGN_WORDS.join("|") + ") (?=\\d)", "g");
  var ENGLISH_YEAR = new RegExp("(^|[^\\p{L}\\p{N}_])(?:(1[1-9]|20) ([1-9]\\d)" +
    "|(1[1-9]|20) (?:oh|o) ([1-9]))(?!" + WORD_CHAR + ")", "gu");

  // numbers._english_year: nineteen fifty (19 50), twenty nineteen, nineteen oh five.
  function englishYear(whole, before, century, year, oCentury, oYear) {
    return before + (century ? century + year : oCentury + "0" + oYear);
  }

  function pythonFloat(value) { return Number.isInteger(value) ? value + ".0" : String(value); }

  // numbers._said: sign words and fractions read; none at all when a negation, a comparison or
  // an unread fraction changes what the phrase says.
  function said(text, decimalComma) {
    text = text.replace(SIGNED, " -").trim();
    text = text.replace(FRACTION, function (m, whole, fraction) {
      return pythonFloat(parseInt(whole, 10) + FRACTIONS[fraction]);
    });
    text = text.replace(ALONE_FRACTION, function (m, before, fraction) {
      return before + pythonFloat(ALONE_FRACTIONS[fraction]);
    });
    var words = (text.match(/\p{L}+/gu) || []).map(stripAccents);
    if (words.some(function (w) {
      return NEGATIONS.indexOf(w) >= 0 || FRACTION_WORDS.indexOf(w) >= 0;
    })) {
      return [];
    }
    return figureReadings(text, decimalComma, true);
  }

  function numberReadings(typed, language) {
    if (/^\d+(?:\.(?:\d{1,2}|\d{4,}))?$/.test(typed)) { return [parseFloat(typed)]; }
    var text = translate(typed.normalize("NFKC").toLowerCase(), APOSTROPHES, "'")
      .replace(/\u2212/g, "-");
    text = text.replace(/\s+/g, " ").trim().replace(/[.!?…]+$/, "").trim();
    var decimalComma = DECIMAL_COMMA.indexOf(base(language)) >= 0;
    if (!LETTER.test(text)) { return figureReadings(text, decimalComma, false); }
    text = text.replace(/,(?=\s*\p{L})/gu, " ");
    PERCENT_WORDS.forEach(function (percent) { text = text.split(percent).join("%"); });
    var languages = [base(language), "en"].filter(function (l, i, all) {
      return WORDS[l] && all.indexOf(l) === i;
    });
    for (var i = 0; i < languages.length; i++) {
      var converted = wordsToDigits(text, languages[i]);
      if (converted !== text) {
        if (languages[i] === "en") { converted = converted.replace(ENGLISH_YEAR, englishYear); }
        return said(converted, decimalComma);
      }
    }
    return said(text, decimalComma);
  }

  // numbers.UNITS: a unit of another row than the question's is another quantity.
  var UNITS = [
    ["km", "kilometre", "kilometres", "kilometer", "kilometers", "kms"],
    ["m", "metre", "metres", "meter", "meters"],
    ["cm", "centimetre", "centimetres", "centimeter", "centimeters"],
    ["mile", "miles", "mi"],
    ["kg", "kilo", "kilos", "kilogramme", "kilogrammes", "kilogram", "kilograms", "kgs"],
    ["g", "gramme", "grammes", "gram", "grams"],
    ["t", "tonne", "tonnes", "ton", "tons"],
    ["l", "litre", "litres", "liter", "liters"],
    ["%", "pourcent", "percent"],
    ["an", "ans", "annee", "annees", "year", "years"],
    ["mois", "month", "months"],
    ["semaine", "semaines", "week", "weeks"],
    ["jour", "jours", "day", "days"],
    ["h", "heure", "heures", "hour", "hours"],
    ["min", "minute", "minutes"],
    ["€", "euro", "euros", "eur"],
    ["$", "dollar", "dollars", "usd"],
  ];
  var UNIT_OF = {};
  UNITS.forEach(function (row) { row.forEach(function (s) { UNIT_OF[s] = row[0]; }); });
  var AFTER_FIGURE = /\d\s*(\p{L}+|%|€|\$)/u;

  function unitOf(text) {
    var folded = stripAccents(text.toLowerCase().trim());
    if (has(UNIT_OF, folded)) { return UNIT_OF[folded]; }
    var found = AFTER_FIGURE.exec(folded);
    return found && has(UNIT_OF, found[1]) ? UNIT_OF[found[1]] : null;
  }

  // numbers.span_of: 1950 à 1953, 1950–53, between 1990 and 1999.
  var SPAN_WORDS = ["a", "à", "au", "to", "and", "et", "-", "–", "—"];
  var SPAN = /^(?:(?:de|du|from|between|entre|in|en) )?(\d{1,4}) ?(\S+) ?(\d{1,4})$/;

  function spanOf(typed) {
    var text = typed.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
    text = text.split("–").join(" – ").split("-").join(" - ").split("  ").join(" ");
    var found = SPAN.exec(text);
    if (!found || SPAN_WORDS.indexOf(found[2]) < 0) { return null; }
    var low = found[1], high = found[3];
    if (high.length < low.length && low.length === 4) {
      high = low.slice(0, 4 - high.length) + high;
    }
    return parseInt(low, 10) < parseInt(high, 10) ? [parseInt(low, 10), parseInt(high, 10)]
      : null;
  }

  function sameSpan(a, b) { return a !== null && b !== null && a[0] === b[0] && a[1] === b[1]; }

  // numbers.format_number: 2019, 20,000 (20 000 in French), 3,5.
  function formatNumber(value, language) {
    var text = String(Number(value.toPrecision(10)));
    if (Math.abs(value) >= 10000) {
      var parts = text.split(".");
      parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ",");
      text = parts.join(".");
    }
    if (DECIMAL_COMMA.indexOf(base(language)) >= 0) {
      return text.replace(/,/g, "\u202f").replace(/\./g, ",");
    }
    return text;
  }

  // Dates (engine/dates.py).
  var MONTHS = {
    fr: [["janvier", "janv", "jan"], ["fevrier", "fevr", "fev"], ["mars"], ["avril", "avr"],
      ["mai"], ["juin"], ["juillet", "juil"], ["aout"], ["septembre", "sept"],
      ["octobre", "oct"], ["novembre", "nov"], ["decembre", "dec"]],
    en: [["january", "jan"], ["february", "feb"], ["march", "mar"], ["april", "apr"], ["may"],
      ["june", "jun"], ["july", "jul"], ["august", "aug"], ["september", "sept", "sep"],
      ["october", "oct"], ["november", "nov"], ["december", "dec"]],
  };
  var FILLERS = ["le", "the", "of", "on", "en", "in"];
  var DAY = /^(\d{1,2})(?:e|er|st|nd|rd|th)?$/;

  function month(word, language) {
    var names = MONTHS[base(language)] || MONTHS.en;
    for (var i = 0; i < names.length; i++) {
      if (names[i].indexOf(word) >= 0) { return i + 1; }
    }
    return null;
  }

  function validDate(year, monthNumber, day) {
    return monthNumber >= 1 && monthNumber <= 12 && day >= 1 && day <= 31
      ? [year, monthNumber, day] : null;
  }

  // dates.read_date: the date that answerWords say, as [year, month, day or null], or null.
  function readDate(words, language) {
    var parts = [];
    words.forEach(function (word) {
      word.replace(/[/,]/g, " ").split(/\s+/).forEach(function (w) {
        if (w && FILLERS.indexOf(w) < 0) { parts.push(w); }
      });
    });
    var months = [];
    parts.forEach(function (w, i) { if (month(w, language)) { months.push(i); } });
    if (months.length === 1) {
      var at = months[0], named = month(parts[at], language);
      var rest = parts.slice(0, at).concat(parts.slice(at + 1));
      var years = rest.filter(function (w) { return /^\d{4}$/.test(w); });
      var days = [];
      rest.forEach(function (w) {
        var found = DAY.exec(w);
        if (found) { days.push(parseInt(found[1], 10)); }
      });
      if (years.length !== 1 || rest.length !== years.length + days.length) { return null; }
      if (days.length > 1 || (days.length && !(days[0] >= 1 && days[0] <= 31))) { return null; }
      return [parseInt(years[0], 10), named, days.length ? days[0] : null];
    }
    if (months.length || parts.length !== 3 ||
        !parts.every(function (p) { return /^\d+$/.test(p); })) {
      return null;
    }
    var a = parseInt(parts[0], 10), b = parseInt(parts[1], 10), c = parseInt(parts[2], 10);
    if (parts[0].length === 4) { return validDate(a, b, c); }
    if (parts[2].length !== 4) { return null; }
    if (base(language) !== "en") { return validDate(c, b, a); }
    if (a > 12 && b <= 12) { return validDate(c, b, a); }
    if ((b > 12 && a <= 12) || a === b) { return validDate(c, a, b); }
    return null;  // 10/7/2022 in English: October or July, not guessed
  }

  // dates.date_credit: 1 for the same date, 0.5 for its month and year alone.
  function dateCredit(typed, right) {
    if (typed[0] === right[0] && typed[1] === right[1]) {
      if (typed[2] === right[2]) { return 1; }
      if (typed[2] === null) { return 0.5; }
    }
    return 0;
  }

  function overlaps(a, b) {
    return a.some(function (x) {
      return b.some(function (y) { return Math.abs(x - y) < 1e-9; });
    });
  }

  // grading._accepted_form: an accepted answer as a number, a span, a date or words.
  function acceptedForm(right, language) {
    if (isFigure(right)) {
      return { value: numberReadings(right, language), words: [], span: null, date: null };
    }
    var words = answerWords(right, language);
    return { value: [], words: words, span: spanOf(right), date: readDate(words, language) };
  }

  // (credit, spelling) of a typed text against the accepted answers (grading.match_text).
  function matchText(given, accepted, language, realWords) {
    var typed = answerWords(given, language);
    if (!typed.length) { return { credit: 0, spelling: null }; }
    var readings = [{ words: typed, slipped: false }];
    var untitled = withoutTitle(typed);
    if (untitled !== null) { readings.push({ words: untitled, slipped: false }); }
    if (ELIDED.test(given)) {
      readings.push({ words: answerWords(given.replace(ELIDED, "$1'"), language), slipped: true });
    }
    var best = null;
    for (var i = 0; i < accepted.length; i++) {
      var right = accepted[i], form = acceptedForm(right, language);
      if (form.value.length) {
        if (overlaps(form.value, numberReadings(given, language))) {
          return { credit: 1, spelling: null };
        }
        continue;
      }
      if (form.span !== null) {
        if (sameSpan(spanOf(given), form.span)) { return { credit: 1, spelling: null }; }
        continue;
      }
      if (form.date !== null) {
        var saidDate = readDate(typed, language);
        var credit = saidDate === null ? 0 : dateCredit(saidDate, form.date);
        if (credit) { return { credit: credit, spelling: null }; }
        continue;
      }
      for (var j = 0; j < readings.length; j++) {
        var candidate = readings[j];
        if (candidate.words.join("") === form.words.join("")) {
          if (candidate.slipped) { best = { edits: 0, right: right }; break; }
          return { credit: 1, spelling: null };
        }
        var edits = misspelt(candidate.words, form.words, realWords || {});
        if (edits !== null && (best === null || edits < best.edits)) {
          best = { edits: edits, right: right };
        }
      }
      if (form.words.length === 2 && best === null && typed.length === 2 &&
          typed[0] === form.words[1] && typed[1] === form.words[0]) {
        best = { edits: 1, right: right };
      }
    }
    return best ? { credit: 1, spelling: best.right } : { credit: 0, spelling: null };
  }

  function verdictOf(credit) {
    return credit >= 1 ? "correct" : credit > 0 ? "partial" : "wrong";
  }

  var CLOZE = /\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}/g;

  function blanks(text) {
    var found = [], match;
    CLOZE.lastIndex = 0;
    while ((match = CLOZE.exec(text)) !== null) {
      found.push({ number: parseInt(match[1], 10), answer: match[2].trim() });
    }
    return found;
  }

  // The real words the exporter listed (the data field's real_words) as a set.
  function wordSet(list) {
    var set = {};
    (list || []).forEach(function (word) { set[word] = true; });
    return set;
  }

  // grading._number: any reading within the tolerance or the range (or the range typed as a
  // span), and no unit typed that is another than the question's.
  function gradeNumber(question, typed, language) {
    var readings = numberReadings(typed, language);
    var low = question.answer, high = question.answer;
    if (question.range) { low = question.range[0]; high = question.range[1]; }
    else if (question.tolerance) {
      low = question.answer - question.tolerance; high = question.answer + question.tolerance;
    }
    var right = readings.some(function (v) { return low - 1e-9 <= v && v <= high + 1e-9; });
    if (question.range && sameSpan(spanOf(typed), question.range)) { right = true; }
    var unit = unitOf(typed);
    if (unit !== null && question.unit && unit !== unitOf(question.unit)) { right = false; }
    var written = formatNumber(question.answer, language);
    var expected = written + (question.unit ? " " + question.unit : "");
    return { credit: right ? 1 : 0, verdict: right ? "correct" : "wrong", spelling: null,
      showExpected: [expected, written].indexOf(typed.trim()) < 0 };
  }

  // The verdict of an answer to a text, number or cloze question (as the deck holds it, the
  // JSON of the card's data field), with realWords, the data field's real_words. A cloze takes
  // one typed text per blank, in order. showExpected: a right answer whose case, accents or
  // grouping were forgiven, to be shown exactly (grading.Grade.show_expected).
  function grade(question, typed, language, realWords) {
    var real = wordSet(realWords);
    if (question.type === "text") {
      var accepted = [question.answer].concat(question.accept || []);
      var text = matchText(String(typed), accepted, language, real);
      return { credit: text.credit, verdict: text.spelling !== null ? "almost" :
        verdictOf(text.credit), spelling: text.spelling,
        showExpected: text.spelling === null && accepted.indexOf(String(typed).trim()) < 0 };
    }
    if (question.type === "number") { return gradeNumber(question, String(typed), language); }
    if (question.type === "cloze") {
      var all = blanks(question.text);
      var given = Array.isArray(typed) ? typed : [typed];
      var earned = 0, almost = false, results = [];
      all.forEach(function (blank, index) {
        var others = (question.accept || {})["c" + blank.number] || [];
        var result = matchText(String(given[index] || ""), [blank.answer].concat(others),
          language, real);
        earned += result.credit;
        almost = almost || result.spelling !== null;
        results.push(result);
      });
      var credit = earned / all.length;
      return { credit: credit, verdict: credit >= 1 && almost ? "almost" : verdictOf(credit),
        spelling: null, showExpected: false, blanks: results };
    }
    return { credit: 0, verdict: "wrong", spelling: null, showExpected: false };
  }

  // One card of a cloze asks one number, which may blank several places: Anki asks for their
  // answers separated by commas. Each place is graded as nkquiz grades a blank.
  function gradeBlank(question, number, typed, language, realWords) {
    var places = blanks(question.text).filter(function (b) { return b.number === number; });
    if (!places.length) { return { credit: 0, verdict: "wrong", spelling: null, expected: "" }; }
    var parts = places.length > 1 ? String(typed).split(/\s*,\s*/) : [String(typed)];
    var accepted = (question.accept || {})["c" + number] || [];
    var real = wordSet(realWords);
    var earned = 0, spellings = [], almost = false;
    places.forEach(function (place, index) {
      var result = matchText(parts[index] || "", [place.answer].concat(accepted), language,
        real);
      earned += result.credit;
      if (result.spelling !== null) { almost = true; spellings.push(result.spelling); }
    });
    var credit = earned / places.length;
    return {
      credit: credit,
      verdict: credit >= 1 && almost ? "almost" : verdictOf(credit),
      spelling: almost && credit >= 1 ? spellings.join(", ") : null,
      expected: places.map(function (p) { return p.answer; }).join(", "),
    };
  }

  // Where a card's typed answer is kept between its front and its back: by deck, question and
  // cloze number, read from the card's data field.
  function storageKey(page) {
    var holder = page.querySelector(".nkq-data");
    var cloze = page.querySelector(".cloze[data-ordinal]");
    var data = {};
    try { data = JSON.parse(holder ? holder.textContent : "{}"); } catch (e) { data = {}; }
    return ["nkquiz", data.deck && data.deck.id, data.question && data.question.id,
      cloze ? cloze.getAttribute("data-ordinal") : ""].join(":");
  }

  return { grade: grade, gradeBlank: gradeBlank, storageKey: storageKey,
    answerWords: answerWords, numberReadings: numberReadings, matchText: matchText,
    blanks: blanks, readDate: readDate, spanOf: spanOf, unitOf: unitOf };
})();
