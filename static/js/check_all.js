// 全选: a box in a table's head ticks or unticks every box of its column (name in data-check-all).
// Hidden without scripts, where it could do nothing.
document.querySelectorAll("input[data-check-all]").forEach(function (all) {
  var form = all.form || document;
  var boxes = function () {
    return form.querySelectorAll("input[type=checkbox][name='" + all.getAttribute("data-check-all") + "']");
  };
  all.hidden = false;
  all.addEventListener("change", function () {
    boxes().forEach(function (box) { box.checked = all.checked; });
  });
});
