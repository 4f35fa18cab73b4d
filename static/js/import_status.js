// Polls the import's progress and moves to the review page when the draft is ready.
(function () {
  var box = document.getElementById("import-status");
  var bar = document.getElementById("import-progress");
  if (!box || !bar) return;
  function poll() {
    fetch(box.dataset.progressUrl, {credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        bar.value = state.progress;
        document.getElementById("import-percent").textContent = state.progress + "%";
        if (state.review_url) { window.location = state.review_url; return; }
        if (state.status === "failed") { window.location.reload(); return; }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();
