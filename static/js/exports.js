// 我的导出: polls the unfinished jobs' progress, moves their bars, and reloads the page when one
// finishes (to show its download link or its error).
(function () {
  var table = document.getElementById("export-jobs");
  if (!table || !table.dataset.progressUrl) return;
  function poll() {
    fetch(table.dataset.progressUrl, {credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        var finished = false;
        state.jobs.forEach(function (job) {
          var row = document.getElementById("export-" + job.id);
          if (!row) return;
          row.querySelector("progress").value = job.percent;
          if (job.status === "done" || job.status === "failed") finished = true;
        });
        if (finished) { window.location.reload(); return; }
        setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
