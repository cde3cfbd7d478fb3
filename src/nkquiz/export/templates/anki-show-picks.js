// The back of a choice card: the picks of the front, beside the right answers.
(function () {
  var picked = window.nkqPicked || [];
  document.querySelectorAll(".nkq-choices li").forEach(function (item, index) {
    item.classList.toggle("nkq-picked", picked.indexOf(index) >= 0);
  });
})();
