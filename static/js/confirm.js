// No inline script anywhere (the Content-Security-Policy allows scripts from our own files only):
// the small behaviours pages need are wired here, by data attributes.

// A form with data-confirm asks before it is sent (publishing cannot be undone).
document.addEventListener("submit", function (event) {
  var question = event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
});

// A select with data-autosubmit sends its form when changed (the language switch).
document.addEventListener("change", function (event) {
  if (event.target.hasAttribute && event.target.hasAttribute("data-autosubmit")) event.target.form.submit();
});

// A button with data-print prints the page (the escalation notice).
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-print]");
  if (button) window.print();
});
