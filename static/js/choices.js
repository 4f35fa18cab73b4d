// A search box above a long list of check boxes (units): typing hides the units whose names do not
// contain the words; ticked units stay in sight. Without scripts the full list is shown.
(function () {
  function attach(list) {
    var first = list.querySelector("input[data-search]");
    if (!first || list.previousElementSibling && list.previousElementSibling.classList.contains("choices-search")) return;
    var box = document.createElement("input");
    box.type = "search";
    box.className = "choices-search";
    box.placeholder = first.getAttribute("data-search");
    box.setAttribute("aria-label", box.placeholder);
    list.parentNode.insertBefore(box, list);
    box.addEventListener("input", function () {
      var words = box.value.trim().toLowerCase();
      list.querySelectorAll("input[type=checkbox]").forEach(function (input) {
        var row = input.closest("div") !== list ? input.closest("div") : input.parentNode;
        var label = (input.closest("label") || row).textContent.toLowerCase();
        row.hidden = Boolean(words) && !input.checked && label.indexOf(words) < 0;
      });
    });
  }
  document.querySelectorAll("div.searchable").forEach(attach);
})();
