// The front of a text, number or cloze card: what the learner types into Anki's own box is kept
// (in the page, and in sessionStorage for the apps that load the back as a new page), so that the
// back can grade it with nkquiz's rules.
(function () {
  var key = nkquizGrader.storageKey(document);
  window.nkqTyped = null;
  try { sessionStorage.removeItem(key); } catch (e) { /* storage may be off */ }
  function keep(event) {
    var box = event.target;
    if (!box || box.id !== "typeans") { return; }
    window.nkqTyped = box.value;
    try { sessionStorage.setItem(key, box.value); } catch (e) { /* the page keeps it */ }
  }
  document.addEventListener("input", keep, true);
  document.addEventListener("keyup", keep, true);
})();
