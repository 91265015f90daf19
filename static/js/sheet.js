// Running part totals and total while a criteria sheet is filled in.
// Provisional only: the server applies conditions, knock-outs and stops.
(function () {
  "use strict";
  var form = document.getElementById("sheet-form");
  if (!form) { return; }
  var formatter = new Intl.NumberFormat(document.documentElement.lang === "en" ? "en" : "vi");

  function chosenPoints(criterion) {
    var checked = form.querySelector('[data-criterion="' + criterion + '"] input:checked');
    return checked ? Number(checked.dataset.points) : null;
  }

  function conditionHolds(fieldset) {
    if (!fieldset.dataset.condition) { return true; }
    var points = chosenPoints(fieldset.dataset.condition);
    return points !== null && points > Number(fieldset.dataset.above);
  }

  function update() {
    var parts = {};
    var total = 0;
    var unscored = 0;
    form.querySelectorAll("fieldset[data-criterion]").forEach(function (fieldset) {
      var part = fieldset.dataset.part;
      parts[part] = parts[part] || 0;
      var holds = conditionHolds(fieldset);
      fieldset.classList.toggle("criterion-skipped", !holds);
      var points = chosenPoints(fieldset.dataset.criterion);
      if (holds && points !== null) {
        parts[part] += points;
        total += points;
      }
      if (holds && points === null) { unscored += 1; }
    });
    Object.keys(parts).forEach(function (part) {
      var cell = document.querySelector('[data-running-part="' + part + '"]');
      if (cell) { cell.textContent = formatter.format(parts[part]); }
    });
    document.querySelectorAll("[data-running-total], [data-bar-total]").forEach(function (cell) {
      cell.textContent = formatter.format(total);
    });
    var unscoredCell = document.querySelector("[data-unscored-count]");
    if (unscoredCell) { unscoredCell.textContent = formatter.format(unscored); }
  }

  form.addEventListener("change", update);
  update();
})();
