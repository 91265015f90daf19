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
    });
    Object.keys(parts).forEach(function (part) {
      var cell = document.querySelector('[data-running-part="' + part + '"]');
      if (cell) { cell.textContent = formatter.format(parts[part]); }
    });
    var totalCell = document.querySelector("[data-running-total]");
    if (totalCell) { totalCell.textContent = formatter.format(total); }
  }

  form.addEventListener("change", update);
  update();
})();
