// 添加一行: a new empty row for a table of rows (indicators, milestones), cloned from the table's
// <template> with the next index. Without scripts the button posts the form back with one more row.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-add-row]");
  if (!button) return;
  var prefix = button.getAttribute("data-add-row");
  var total = document.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
  var template = document.getElementById(prefix + "-empty-row");
  var body = document.querySelector("#" + prefix + " tbody");
  if (!total || !template || !body) return;
  event.preventDefault();
  var index = parseInt(total.value, 10) || 0;
  var holder = document.createElement("tbody");
  holder.innerHTML = template.innerHTML.replace(/__prefix__/g, String(index));
  var row = holder.querySelector("tr");
  body.appendChild(row);
  total.value = String(index + 1);
  var input = row.querySelector("input:not([type=hidden]), select");
  if (input) input.focus();
});
