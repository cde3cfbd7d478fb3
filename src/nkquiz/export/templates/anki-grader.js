// nkquiz's grader, in JavaScript, for Anki cards: the rules of src/nkquiz/engine/grading.py and
// engine/numbers.py, written once more so that a card graded in Anki (desktop, AnkiDroid,
// AnkiMobile: no network, no add-on) gets the verdict nkquiz would give. Both are run on the same
// table of cases (tests/verdicts.py) in CI, so that they cannot drift apart; README.md names the
// few places where this one cannot follow the Python exactly.
//
// Written in plain ES2017 without modules, as card templates run it: it defines one global,
// nkquizGrader, and touches nothing else.
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

  function base(language) { return String(language || "en").split("-")[0].toLowerCase(); }

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  function translate(text, chars, to) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      out += chars.indexOf(text[i]) >= 0 ? to : text[i];
    }
    return out;
  }

  function fold(text) {
    text = translate(text, APOSTROPHES, "'");
    text = translate(text, QUOTATION_MARKS, " ");
    return translate(text, DASHES, "-");
  }

  var leadingCache = {};
  function leadingWords(language) {
    var key = base(language);
    if (!leadingCache[key]) {
      var words = (LEADING[key] || []).concat(ENGLISH_LEADING)
        .filter(function (w, i, all) { return all.indexOf(w) === i; })
        .sort(function (a, b) { return b.length - a.length; });
      var spelled = words.map(function (w) {
        // Accents are forgiven here too: the words are compared without them.
        var plain = stripAccents(w);
        return plain.slice(-1) === "'"
          ? escapeRegExp(plain.slice(0, -1)) + "(?:' ?| )"
          : escapeRegExp(plain) + " ";
      });
      leadingCache[key] = new RegExp("^(?:" + spelled.join("|") + ")");
    }
    return leadingCache[key];
  }

  function stripAccents(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g, "");
  }

  // The words in which typed answers are compared (grading.answer_words).
  function answerWords(text, language) {
    text = stripAccents(text.toLowerCase().normalize("NFKC"));
    text = fold(text).replace(/\s+/g, " ").trim().replace(/[.!?…]+$/, "").trim();
    var leading = leadingWords(language);
    var found;
    while ((found = leading.exec(text)) && found[0].length < text.length) {
      text = text.slice(found[0].length).replace(/^\s+/, "");
    }
    return text.split(/[\s\-.']+/).filter(function (w) { return w; });
  }

  function typosAllowed(right) {
    var length = right.length;
    return length < 5 ? 0 : length < 10 ? 1 : 2;
  }

  // Optimal string alignment distance: Damerau-Levenshtein where a swap of two neighbouring
  // letters is one edit (what rapidfuzz's DamerauLevenshtein gives on single words of a name).
  function distance(a, b) {
    var rows = [];
    for (var i = 0; i <= a.length; i++) {
      rows.push([i]);
    }
    for (var j = 1; j <= b.length; j++) { rows[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          best = Math.min(best, rows[i - 2][j - 2] + 1);
        }
        rows[i][j] = best;
      }
    }
    return rows[a.length][b.length];
  }

  function digitRuns(text) { return text.match(/\d+/g) || []; }

  function misspelt(typed, right) {
    if (typed.length !== right.length) { return null; }
    if (digitRuns(typed.join(" ")).join(",") !== digitRuns(right.join(" ")).join(",")) {
      return null;
    }
    var allowed = typosAllowed(right.join(" "));
    var edits = 0;
    for (var i = 0; i < typed.length; i++) {
      var cutoff = Math.min(allowed - edits, Math.floor(right[i].length / 3));
      var d = distance(typed[i], right[i]);
      if (d > cutoff) { return null; }
      edits += d;
    }
    return edits;
  }

  // Numbers (engine/numbers.py).

  var LETTER = /[^\W\d_]/u;
  var CHUNK = /(?:^|[^\w-])([-+]?\d(?:[\d.,']|\s(?=\d))*)/gu;

  function figures(text) {
    var found = [], match;
    CHUNK.lastIndex = 0;
    while ((match = CHUNK.exec(text)) !== null) {
      found.push(match[1]);
      CHUNK.lastIndex = match.index + match[0].length;
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

  var DECADE = /ann[ée]es\s+(\d{2}|\d{4})\b|(?:^|[^\w'])'?(\d{2}|\d{4})'?s\b/u;

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
      multipliers: { mille: 1e3, million: 1e6, millions: 1e6, milliard: 1e9, milliards: 1e9 },
      point: "virgule", decimal: "," },
    en: { french: false, units: ENGLISH_UNITS, hundred: ["hundred"], joiners: ["and"],
      multipliers: { thousand: 1e3, thousands: 1e3, million: 1e6, millions: 1e6, billion: 1e9,
        billions: 1e9 }, point: "point", decimal: "." },
  };

  function isNumberWord(word, words) {
    return Object.prototype.hasOwnProperty.call(words.units, word) ||
      words.hundred.indexOf(word) >= 0 ||
      Object.prototype.hasOwnProperty.call(words.multipliers, word);
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

  // The value of a run of number words (already split on spaces and hyphens), or null.
  function runValue(tokens, words) {
    var total = 0, group = 0, last = null, seen = false;
    for (var i = 0; i < tokens.length; i++) {
      var token = tokens[i];
      if (words.joiners.indexOf(token) >= 0) { continue; }
      if (Object.prototype.hasOwnProperty.call(words.units, token)) {
        var value = words.units[token];
        if (last !== null && last < 100 && !follows(last, value, words.french)) {
          return null;  // "vingt trente", "twenty ten": two numbers
        }
        if (last === 4 && value === 20) { group -= 4; value = 80; }  // quatre-vingt(s)
        group += value;
        last = value;
      } else if (words.hundred.indexOf(token) >= 0) {
        group = (group || 1) * 100;
        last = 100;
      } else {
        var factor = words.multipliers[token];
        total += (group || 1) * factor;
        group = 0;
        last = factor;
      }
      seen = true;
    }
    return seen ? total + group : null;
  }

  function wordsToDigits(text, language) {
    var words = WORDS[language];
    var tokens = text.split(/(\s+|-)/);
    var out = [], run = [], runText = [];
    function flush() {
      var numeric = run.filter(function (t) { return words.joiners.indexOf(t) < 0; });
      if (numeric.length) {
        var trailing = [];
        while (run.length && words.joiners.indexOf(run[run.length - 1]) >= 0) {
          trailing.unshift(runText.pop());
          run.pop();
        }
        var value = runValue(run, words);
        out.push(value === null ? runText.join("") : String(value));
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
    var converted = out.join("");
    // "trois virgule cinq", "three point five"
    converted = converted.replace(
      new RegExp("(\\d+)\\s+" + words.point + "\\s+(\\d+)", "g"),
      function (m, whole, fraction) { return whole + words.decimal + fraction; });
    return converted;
  }

  function multiplied(text, language) {
    var words = WORDS[language];
    return text.replace(/(^|[^\d.,'])(\d+(?:[.,]\d+)?)\s*([^\W\d_]+)/gu,
      function (m, before, digits, word) {
        var factor = words.multipliers[word];
        if (!factor) { return m; }
        var value = parseFloat(digits.replace(",", ".")) * factor;
        return before + (Number.isInteger(value) ? value.toFixed(0) : String(value));
      });
  }

  function numberReadings(typed, language) {
    if (/^\d+(?:\.(?:\d{1,2}|\d{4,}))?$/.test(typed)) { return [parseFloat(typed)]; }
    var text = translate(typed.normalize("NFKC").toLowerCase(), APOSTROPHES, "'");
    text = text.replace(/\s+/g, " ").trim().replace(/[.!?…]+$/, "").trim();
    var decimalComma = DECIMAL_COMMA.indexOf(base(language)) >= 0;
    if (!LETTER.test(text)) { return figureReadings(text, decimalComma, false); }
    text = text.replace(/,(?=\s*[^\W\d_])/gu, " ");
    var languages = [base(language), "en"].filter(function (l, i, all) {
      return WORDS[l] && all.indexOf(l) === i;
    });
    for (var i = 0; i < languages.length; i++) {
      var converted = wordsToDigits(multiplied(text, languages[i]), languages[i]);
      if (converted !== text) { return figureReadings(converted, decimalComma, true); }
    }
    return figureReadings(text, decimalComma, true);
  }

  function overlaps(a, b) {
    return a.some(function (x) {
      return b.some(function (y) { return Math.abs(x - y) < 1e-9; });
    });
  }

  // (credit, spelling) of a typed text against the accepted answers (grading.match_text).
  function matchText(given, accepted, language) {
    var typed = answerWords(given, language);
    if (!typed.length) { return { credit: 0, spelling: null }; }
    var compact = typed.join("");
    var best = null;
    for (var i = 0; i < accepted.length; i++) {
      var right = accepted[i];
      if (isFigure(right)) {
        if (overlaps(numberReadings(right, language), numberReadings(given, language))) {
          return { credit: 1, spelling: null };
        }
        continue;
      }
      var words = answerWords(right, language);
      if (compact === words.join("")) { return { credit: 1, spelling: null }; }
      var edits = misspelt(typed, words);
      if (edits !== null && (best === null || edits < best.edits)) {
        best = { edits: edits, right: right };
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

  // The verdict of an answer to a text, number or cloze question (as the deck holds it, the
  // JSON of the card's data field). A cloze takes one typed text per blank, in order.
  function grade(question, typed, language) {
    if (question.type === "text") {
      var text = matchText(String(typed), [question.answer].concat(question.accept || []),
        language);
      return { credit: text.credit, verdict: text.spelling !== null ? "almost" :
        verdictOf(text.credit), spelling: text.spelling };
    }
    if (question.type === "number") {
      var readings = numberReadings(String(typed), language);
      var low = question.answer, high = question.answer;
      if (question.range) { low = question.range[0]; high = question.range[1]; }
      else if (question.tolerance) {
        low = question.answer - question.tolerance; high = question.answer + question.tolerance;
      }
      var right = readings.some(function (v) { return low - 1e-9 <= v && v <= high + 1e-9; });
      return { credit: right ? 1 : 0, verdict: right ? "correct" : "wrong", spelling: null };
    }
    if (question.type === "cloze") {
      var all = blanks(question.text);
      var given = Array.isArray(typed) ? typed : [typed];
      var earned = 0, almost = false, results = [];
      all.forEach(function (blank, index) {
        var accepted = [blank.answer].concat((question.accept || {})["c" + blank.number] || []);
        var result = matchText(String(given[index] || ""), accepted, language);
        earned += result.credit;
        almost = almost || result.spelling !== null;
        results.push(result);
      });
      var credit = earned / all.length;
      return { credit: credit, verdict: credit >= 1 && almost ? "almost" : verdictOf(credit),
        spelling: null, blanks: results };
    }
    return { credit: 0, verdict: "wrong", spelling: null };
  }

  // One card of a cloze asks one number, which may blank several places: Anki asks for their
  // answers separated by commas. Each place is graded as nkquiz grades a blank.
  function gradeBlank(question, number, typed, language) {
    var places = blanks(question.text).filter(function (b) { return b.number === number; });
    if (!places.length) { return { credit: 0, verdict: "wrong", spelling: null, expected: "" }; }
    var parts = places.length > 1 ? String(typed).split(/\s*,\s*/) : [String(typed)];
    var accepted = (question.accept || {})["c" + number] || [];
    var earned = 0, spellings = [], almost = false;
    places.forEach(function (place, index) {
      var result = matchText(parts[index] || "", [place.answer].concat(accepted), language);
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

  return { grade: grade, gradeBlank: gradeBlank, storageKey: storageKey, answerWords: answerWords, numberReadings: numberReadings,
    matchText: matchText, blanks: blanks };
})();
