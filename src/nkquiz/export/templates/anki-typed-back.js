// The back of a text, number or cloze card: the answer typed on the front, graded by nkquiz's
// rules (anki-grader.js), shown above Anki's own comparison with the rating nkquiz suggests.
// Every text is set with textContent: nothing from the deck or the learner is read as HTML.
(function () {
  var holder = document.querySelector(".nkq-data");
  var shown = document.querySelector(".nkq-verdict");
  if (!holder || !shown || typeof nkquizGrader === "undefined") { return; }
  var data;
  try { data = JSON.parse(holder.textContent); } catch (e) { return; }
  var question = data.question, language = (data.deck && data.deck.language) || "en";
  var words = NKQ_WORDS[language.split("-")[0]] || NKQ_WORDS.en;
  var cloze = document.querySelector(".cloze[data-ordinal]");
  var ordinal = cloze ? parseInt(cloze.getAttribute("data-ordinal"), 10) : null;

  function typedOnTheFront() {
    if (typeof window.nkqTyped === "string") { return window.nkqTyped; }
    try {
      var kept = sessionStorage.getItem(nkquizGrader.storageKey(document));
      if (typeof kept === "string") { return kept; }
    } catch (e) { /* storage may be off */ }
    // The apps that draw their own box show what was typed in Anki's comparison: the characters
    // before its arrow (typeGood and typeBad), the expected answer after it.
    var comparison = document.getElementById("typeans");
    if (!comparison) { return null; }
    var typed = "";
    for (var node = comparison.firstChild; node; node = node.nextSibling) {
      if (node.id === "typearrow" || node.nodeName === "BR") { break; }
      if (node.nodeType === 1 && /typeMissed/.test(node.className)) { continue; }
      typed += node.textContent;
    }
    return typed;
  }

  var typed = typedOnTheFront();
  if (typed === null || !typed.trim()) { return; }
  var result, expected;
  if (question.type === "cloze") {
    result = nkquizGrader.gradeBlank(question, ordinal || 1, typed, language, data.real_words);
    expected = result.expected;
  } else {
    result = nkquizGrader.grade(question, typed, language, data.real_words);
    expected = question.type === "number" ? null : question.answer;
  }
  var rating = result.verdict === "wrong" ? "again"
    : result.verdict === "correct" ? "good" : "hard";
  function line(text, kind) {
    var div = document.createElement("div");
    div.className = kind;
    div.textContent = text;
    shown.appendChild(div);
  }
  shown.classList.add("nkq-" + result.verdict);
  line(words[result.verdict], "nkq-verdict-word");
  if (result.spelling) {
    line(words.spelling.replace("{answer}", result.spelling), "nkq-correction");
  } else if ((result.verdict !== "correct" || result.showExpected) && expected) {
    // as nkquiz does, a right answer whose case or accents were forgiven is shown exactly
    line(words.expected.replace("{answer}", expected), "nkq-correction");
  }
  line(words.suggested.replace("{rating}", words[rating]), "nkq-rating nkq-rating-" + rating);
})();
