// The front of a choice card: a click picks a choice (several in a multi), as the learner would.
(function () {
  var list = document.querySelector(".nkq-choices");
  var items = list.querySelectorAll("li");
  var many = list.classList.contains("nkq-many");
  window.nkqPicked = [];
  items.forEach(function (item, index) {
    item.addEventListener("click", function () {
      var at = window.nkqPicked.indexOf(index);
      if (at >= 0) { window.nkqPicked.splice(at, 1); }
      else if (many) { window.nkqPicked.push(index); }
      else { window.nkqPicked = [index]; }
      items.forEach(function (other, i) {
        other.classList.toggle("nkq-picked", window.nkqPicked.indexOf(i) >= 0);
      });
    });
  });
})();
