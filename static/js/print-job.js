// Batch printing: poll the job's JSON every second until it is done, failed or cancelled (no inline
// script: CSP); say when no worker has picked it up, offer to cancel it, then to print again.
(function () {
  var box = document.getElementById("print-job");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var finished = { done: true, failed: true, cancelled: true };

  function show(job) {
    document.getElementById("job-label").textContent = job.label;
    document.getElementById("job-done").textContent = job.done;
    document.getElementById("job-total").textContent = job.total;
    document.getElementById("job-bar").value = job.percent;
    var error = document.getElementById("job-error");
    error.textContent = job.error || "";
    error.hidden = !job.error;
    var link = document.getElementById("job-file");
    if (job.file_url) { link.href = job.file_url; link.hidden = false; }
    document.getElementById("job-stale").hidden = !job.waiting_too_long;
    document.getElementById("job-cancel").hidden = job.finished;
    document.getElementById("job-again").hidden = !(job.state === "cancelled" || job.state === "failed");
    box.setAttribute("data-state", job.state);
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (job) { show(job); }
        if (!job || !finished[job.state]) { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }

  if (!finished[box.getAttribute("data-state")]) { window.setTimeout(poll, 1000); }
})();
