// 全选: a box that ticks or unticks every box of a list (their name in data-check-all). Its label
// is hidden without scripts, where it could do nothing.
document.querySelectorAll("input[data-check-all]").forEach(function (all) {
  var form = all.form || document;
  var boxes = function () {
    return form.querySelectorAll("input[type=checkbox][name='" + all.getAttribute("data-check-all") + "']");
  };
  (all.closest("label") || all).hidden = false;
  all.addEventListener("change", function () {
    boxes().forEach(function (box) { box.checked = all.checked; });
  });
});
